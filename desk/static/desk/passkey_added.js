// After django-otp-webauthn registers a passkey, show this page again: it
// lists the new passkey and asks for recovery codes if there are none yet.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
