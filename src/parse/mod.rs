//! One parser per input format, each producing the one model.

pub mod legacy;
pub mod xml;
