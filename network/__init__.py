"""Who is asking: the client's address as every part of the site sees it
(login throttling, the audit log, the read API's rate limit)."""

from network.addresses import client_address

__all__ = ["client_address"]
