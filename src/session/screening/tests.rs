//! Tests of the screening flow.
