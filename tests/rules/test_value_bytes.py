import numpy as np
import pyarrow as pa

from eventdata.rules.base import value_bytes


def _joined(chunks):
    return b"".join(np.asarray(c).tobytes() for c in chunks)


def test_value_bytes_are_the_values_of_a_slice_and_of_every_chunk():
    array = pa.array(["SOM1", "0x10", "Café", "", "IRQ22"])
    chunked = pa.chunked_array([array.slice(1, 2), pa.array(["NGA3"])])
    large = pa.array(["x", "Café"], pa.large_string()).slice(1)

    assert _joined(value_bytes(array.slice(2, 2))) == "Café".encode()
    assert _joined(value_bytes(chunked)) == b"0x10" + "Café".encode() + b"NGA3"
    assert _joined(value_bytes(large)) == "Café".encode()
    assert _joined(value_bytes(array)) == "SOM10x10CaféIRQ22".encode()


def test_value_bytes_of_empty_values_and_other_types():
    assert _joined(value_bytes(pa.array(["", ""]))) == b""
    assert value_bytes(pa.array([], pa.string())) == []
    assert value_bytes(pa.array([1, 2])) is None
    assert value_bytes(pa.array(["a"]).dictionary_encode()) is None
