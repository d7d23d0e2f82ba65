//! End-to-end tests live under `tests/tests/`; this library is intentionally empty.
