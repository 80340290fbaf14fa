//! Workspace tests of scf-codes; the tests are in `tests/`.
