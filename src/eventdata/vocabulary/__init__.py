"""The ACLED codebook as types: every public name of :mod:`eventdata.vocabulary.codebook`."""

from eventdata.vocabulary.codebook import *  # noqa: F403
from eventdata.vocabulary.codebook import __all__ as __all__
