//! The generated client the `client_call` benchmark calls (Square's RetrieveCustomer).

/// Square, cut to RetrieveCustomer.
pub mod square {
    include!(concat!(env!("OUT_DIR"), "/square.rs"));
}
