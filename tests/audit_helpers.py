"""Finding what the audit log recorded, in its tests."""

from audit.models import AuditEntry

ADDRESS = "203.0.113.7"


def entries(action, **filters):
    return list(AuditEntry.objects.filter(action=action, **filters))


def only(action, **filters):
    found = entries(action, **filters)
    assert len(found) == 1, [str(entry) for entry in AuditEntry.objects.all()]
    return found[0]
