//! `scf-codes triage`: how every invocation ended, counted straight from SCF's logs in CLS.
//!
//! Reading and counting are the library `scf-codes-triage`; the command adds what it prints:
//! `report` renders the table or the JSON, `html` the page, and `sql` writes the query that
//! computes the same counts in an engine, whose answer the library reads back.

pub mod html;
pub mod report;
pub mod sql;
