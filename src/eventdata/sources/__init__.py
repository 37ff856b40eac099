"""Getting data from its publishers: the ACLED API client and keeping local stores current.

:mod:`eventdata.sources.acled_api` downloads events and deletions from ACLED's API;
:mod:`eventdata.sources.store` applies them to a Parquet store written by eventdata. The
HTTP client needs the optional extra ``eventdata[api]`` (httpx).
"""
