import pyarrow as pa

from eventdata.rules.ids import InvisibleId


def test_invisible_ids_found_in_every_chunk_and_only_there():
    ids = ["SOM1", "SOM\u200b2", "Sóm3", None, "", "\ufeffIRQ4", "NGA\u00ad5"]
    chunked = pa.chunked_array([pa.array(ids[:3]), pa.array(ids[3:])])

    expected = [InvisibleId.row({"event_id_cnty": v}) for v in ids]

    assert expected == [False, True, False, False, False, True, True]
    assert InvisibleId.columnar({"event_id_cnty": pa.array(ids)}).tolist() == expected
    assert InvisibleId.columnar({"event_id_cnty": chunked}).tolist() == expected
    ascii_only = pa.array(ids[:1] + ids[3:5])
    assert InvisibleId.columnar({"event_id_cnty": ascii_only}).tolist() == [False] * 3
