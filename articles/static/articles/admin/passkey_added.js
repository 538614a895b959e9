// After django-otp-webauthn registers a passkey, go on to where the person
// was headed (the page itself has no redirect of its own).
document.addEventListener("otp_webauthn.register_complete", () => {
  const next = document.getElementById("passkey-added").dataset.next;
  window.location.assign(next || window.location.href);
});
