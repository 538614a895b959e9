"""One search backend per database vendor, behind `base.SearchBackend`."""
