"""A short fuzz run: mutants of the real files (synthetic ones when absent), three readers.

``bench/fuzz.py`` runs the same checks over many more mutants (``make fuzz``).
"""

from __future__ import annotations

import pytest
from fuzz_harness import FAMILIES, cases, check_case, check_untouched, load_bases

SEED = 20261207
PER_FAMILY = 2


@pytest.fixture(scope="module")
def bases():
    return load_bases(max_rows=120, synthetic=False)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_mutants_raise_only_eventdata_errors_and_both_paths_agree(family, bases, tmp_path):
    mutants = [c for c in cases(bases, seed=SEED, per_family=PER_FAMILY) if c.family == family]
    assert mutants

    for number, case in enumerate(mutants):
        folder = tmp_path / str(number)
        folder.mkdir()
        # every other mutant is converted in small blocks: the streamed path's decisions
        # taken on a first block must still agree with the whole-file read
        check_case(case, folder, cli=number == 0, block_size=16 << 10 if number % 2 else None)
        check_untouched(case, folder)


def test_every_real_file_reads_alike_whole_and_streamed(bases, tmp_path):
    from fuzz_harness import Case

    for number, base in enumerate(bases):
        folder = tmp_path / str(number)
        folder.mkdir()
        case = Case("unchanged", base, base.csv_bytes(), rows=len(base.rows))

        outcome = check_case(case, folder)
        in_blocks = check_case(case, folder, block_size=8 << 10)

        assert outcome.error is None, f"{base.name}: {outcome.error}"
        assert in_blocks.error is None, f"{base.name} in blocks: {in_blocks.error}"
