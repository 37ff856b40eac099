import pyarrow as pa

from eventdata.rules.ids import col_invisible_id, row_invisible_id


def test_invisible_ids_found_in_every_chunk_and_only_there():
    ids = ["SOM1", "SOM\u200b2", "Sóm3", None, "", "\ufeffIRQ4", "NGA\u00ad5"]
    chunked = pa.chunked_array([pa.array(ids[:3]), pa.array(ids[3:])])

    expected = [row_invisible_id({"event_id_cnty": v}) for v in ids]

    assert expected == [False, True, False, False, False, True, True]
    assert col_invisible_id({"event_id_cnty": pa.array(ids)}).tolist() == expected
    assert col_invisible_id({"event_id_cnty": chunked}).tolist() == expected
    assert col_invisible_id({"event_id_cnty": pa.array(ids[:1] + ids[3:5])}).tolist() == [
        False,
        False,
        False,
    ]
