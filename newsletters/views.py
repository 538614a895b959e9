"""The reader's newsletter pages: subscribe, confirm, preferences, leave.

None of them is cached. The subscribe form also sits on cached public
pages, so it carries no per-reader token: it is exempt from CSRF, counted
per client address (NEWSLETTER_SUBSCRIBE_RATE) and has a field bots fill.
Nothing is confirmed by following a link: confirmation and one-click
unsubscribe are POSTs (a mail scanner's GET changes nothing).
"""

import ipaddress
import re

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from network import client_address
from newsletters import subscribing, tokens
from newsletters.forms import PreferencesForm, SubscribeForm
from newsletters.models import Issue

TEMPLATES = "newsletters/"
#: A row id as a query parameter: ASCII digits ("²" is a digit to Python).
NUMBER = re.compile(r"[0-9]{1,18}")


def _page(request, template, status=200, **context):
    return render(request, TEMPLATES + template, context, status=status)


def _bad_link(request, error):
    return _page(request, "message.html", 400, title="Link not valid", text=str(error))


def _too_many(request):
    address = client_address(request) or "unknown"
    if ":" in address:  # IPv6: a client holds a whole /64
        address = str(ipaddress.ip_network(f"{address}/64", strict=False))
    key = f"newsletters:subscribe:{address}"
    limit = settings.NEWSLETTER_SUBSCRIBE_RATE
    try:
        if cache.add(key, 1, timeout=3600):
            return False
        return cache.incr(key) > limit
    except Exception:
        return False


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        form = SubscribeForm(initial={"email": request.GET.get("email", "")[:254]})
        return _page(request, "subscribe.html", form=form)
    form = SubscribeForm(request.POST)
    if form.is_bot():
        return redirect("newsletters:check-inbox")
    if request.POST.get("step") == "choose":
        # From the sign-up box on every page: the address, then the lists.
        email = request.POST.get("email", "")[:254]
        return _page(
            request, "subscribe.html", form=SubscribeForm(initial={"email": email})
        )
    if _too_many(request):
        return _page(
            request,
            "message.html",
            429,
            title="Too many requests",
            text="Too many sign-ups from your network. Please try again in an hour.",
        )
    if not form.is_valid():
        return _page(request, "subscribe.html", 400, form=form)
    subscribing.Subscribe(
        form.cleaned_data["email"],
        form.cleaned_data["newsletters"],
        address=client_address(request),
    ).execute(by=request.user)
    return redirect("newsletters:check-inbox")


@never_cache
def check_inbox(request):
    return _page(
        request,
        "message.html",
        title="Check your inbox",
        text="We sent you an email. Open the link in it to confirm your "
        "subscription; nothing is sent to you until you do.",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        subscriber = tokens.confirmed_subscriber(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    action = subscribing.Confirm(subscriber, address=client_address(request))
    waiting = [
        item.newsletter for item in action.waiting().select_related("newsletter")
    ]
    if request.method == "GET":
        if not waiting:
            return _already(request, subscriber)
        wording = subscribing.consent_wording(waiting, subscriber.email)
        shown = action.waiting().values_list("pk", flat=True)
        return _page(
            request,
            "confirm.html",
            wording=wording,
            newsletters=waiting,
            shown=list(shown),
        )
    # Only what the page showed: a list asked for since is not consented to.
    action.shown = [
        v for v in request.POST.getlist("subscription") if NUMBER.fullmatch(v)
    ]
    confirmed = action.execute(by=request.user)
    if not confirmed:
        return _already(request, subscriber)
    return _page(
        request,
        "message.html",
        title="You are subscribed",
        text="Thank you: your subscription is confirmed.",
        link=_preferences_url(subscriber),
        link_text="Change your newsletters",
    )


def _already(request, subscriber):
    return _page(
        request,
        "message.html",
        title="Nothing to confirm",
        text="This subscription is already confirmed, or was left since.",
        link=_preferences_url(subscriber),
        link_text="Change your newsletters",
    )


def _preferences_url(subscriber):
    return reverse(
        "newsletters:preferences", args=[tokens.management_token(subscriber)]
    )


def _issue(request):
    """The issue a link came from (?issue=), for its unsubscribe count."""
    value = request.GET.get("issue", "")
    if not NUMBER.fullmatch(value):
        return None
    return Issue.objects.filter(pk=int(value)).first()


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber = tokens.managed_subscriber(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    form = PreferencesForm(request.POST or None, subscriber=subscriber)
    if request.method == "POST" and form.is_valid():
        if "leave" in request.POST:
            subscribing.LeaveAll(subscriber, issue=_issue(request)).execute(
                by=request.user
            )
            return _left(request)
        subscribing.ChangeLists(
            subscriber,
            form.cleaned_data["newsletters"],
            issue=_issue(request),
            address=client_address(request),
        ).execute(by=request.user)
        return _page(
            request,
            "preferences.html",
            form=PreferencesForm(subscriber=subscriber),
            email=subscriber.email,
            saved=True,
        )
    status = 400 if request.method == "POST" else 200
    return _page(request, "preferences.html", status, form=form, email=subscriber.email)


def _left(request):
    return _page(
        request,
        "message.html",
        title="You are unsubscribed",
        text="You will get no more newsletters from us at this address.",
    )


@never_cache
@csrf_exempt  # RFC 8058: the mail provider POSTs, with no session
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = tokens.managed_subscriber(token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    if request.method == "GET":
        return _page(request, "unsubscribe.html", email=subscriber.email)
    subscribing.LeaveAll(subscriber, issue=_issue(request)).execute(by=request.user)
    return _left(request)
