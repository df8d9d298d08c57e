//! The generated clients the benchmarks call (Square's RetrieveCustomer).

/// Square, cut to RetrieveCustomer.
pub mod square {
    include!(concat!(env!("OUT_DIR"), "/square.rs"));
}

/// The same, generated to drop the properties its schemas do not declare.
pub mod square_drop {
    include!(concat!(env!("OUT_DIR"), "/square_drop.rs"));
}
