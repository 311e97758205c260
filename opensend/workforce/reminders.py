"""STUB: the policy-review reminder sweep (owned by the policies helper)."""
