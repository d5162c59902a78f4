"""The one owner of rate limits, CAPTCHA and idempotency for anonymous submissions
(docs/security.md, "Limits on anonymous submissions").

- `guard`: the policy every submission channel calls — `FormGuard` for HTML forms,
  `api_submit` for API endpoints; `client_key`, `trusted_client`;
- `captcha`: image challenges and SMS codes;
- `limits`: the counters (submissions, SMS sent on request, failed lookups per client);
- `idempotency`: the table of first answers (`models.IdempotencyRecord`);
- `recovery`: 找回查询码; `views`, `api`: its page and endpoints, and the CAPTCHA endpoints.
"""
