"""A newsroom's own channel to its readers: lists, the people on them and
their consent, each issue sent and each recipient's copy of it.

An address is stored once (Subscriber) and joins lists (Subscription), each
with the consent given for it: when, from which address, in which words.
A person who leaves, bounces hard, complains or asks to be erased ends in
Suppression, which keeps only a hash of the address: it is never mailed
again. An issue is rendered once; its Delivery rows, one per recipient and
unique, are what makes a restarted send skip whoever already has it.
"""

import hashlib

from django.conf import settings
from django.db import models


def address_hash(email):
    """The hash a suppression keeps of an address (normalised first)."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class NewsletterList(models.Model):
    DIGEST = "digest"
    ALERTS = "alerts"
    KINDS = [(DIGEST, "Daily digest"), (ALERTS, "Breaking-news alerts")]

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=10, choices=KINDS)
    description = models.CharField(
        max_length=300,
        help_text="What a subscriber gets, in the words they consent to.",
    )
    send_time = models.TimeField(
        null=True,
        blank=True,
        help_text="Daily digest: when it goes out, in the site's time zone.",
    )
    active = models.BooleanField(default=True, help_text="Offered to readers.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "newsletter"

    def __str__(self):
        return self.name


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        NewsletterList, on_delete=models.CASCADE, related_name="subscriptions"
    )
    requested_at = models.DateTimeField()
    requested_from = models.GenericIPAddressField(null=True, blank=True)
    #: Consent (GDPR art. 7): set when the person confirms by POST.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    consent_address = models.GenericIPAddressField(null=True, blank=True)
    consent_wording = models.TextField(blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_list"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "confirmed_at", "left_at"])]

    def __str__(self):
        return f"{self.subscriber} on {self.newsletter}"

    @property
    def active(self):
        return self.confirmed_at is not None and self.left_at is None


class Suppression(models.Model):
    BOUNCED = "bounced"
    COMPLAINED = "complained"
    ERASED = "erased"
    REASONS = [
        (BOUNCED, "Hard bounce"),
        (COMPLAINED, "Spam complaint"),
        (ERASED, "Erased on request"),
    ]

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=12, choices=REASONS)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.get_reason_display()} ({self.email_hash[:12]}…)"

    @classmethod
    def holds(cls, email):
        return cls.objects.filter(email_hash=address_hash(email)).exists()


class Issue(models.Model):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    STATES = [
        (DRAFT, "Draft"),
        (SCHEDULED, "Scheduled"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
    ]

    newsletter = models.ForeignKey(
        NewsletterList, on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(max_length=200)
    #: Breaking-news alerts: the story and the editor's one-line summary.
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_issues",
    )
    summary = models.CharField(max_length=300, blank=True)
    #: Daily digests: the day it is the digest of (one per list and day).
    edition = models.DateField(null=True, blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=DRAFT)
    send_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "edition"], name="one_digest_per_day"
            )
        ]
        permissions = [("send_alerts", "Can send breaking-news alerts")]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One recipient's copy of an issue: made once, sent at most once."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    BOUNCED = "bounced"
    SKIPPED = "skipped"
    STATES = [
        (PENDING, "Pending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        (BOUNCED, "Bounced"),
        (SKIPPED, "Left before it was sent"),
    ]

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    state = models.CharField(max_length=10, choices=STATES, default=PENDING)
    #: A worker's claim on a pending copy, until this moment (see sending.py).
    claimed_until = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=250, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="one_copy_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["issue", "state"])]

    def __str__(self):
        return f"{self.issue} to {self.subscriber or 'an erased subscriber'}"
