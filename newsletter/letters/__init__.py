"""What travels away from the site: feeds (RSS, Atom, JSON Feed), each edition's e-mail
(MJML, css-inline) and PDF (Typst), the open data; `artifacts` caches the e-mails and PDFs
by content and makes the missing ones in worker processes. Never imports the site."""
