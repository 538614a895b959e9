"""The desk: the admin where writers and editors work, its site (a desk
dashboard), and two-factor sign-in."""
