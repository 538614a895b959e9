"""The append-only audit log: who did what, to which object, when, from
where (audit.log writes it; audit.accounts and the actions call it)."""
