//! kolikko renders survey results and commentary into a self-contained report site that puts
//! employee experience (EX) beside customer experience (CX).
//!
//! The modules follow the data's path: [`load`] reads and validates a site folder into the
//! [`model`]; [`aggregate`] rolls answer counts up the unit tree, applies the anonymity rule
//! ([`privacy`]) and computes every figure with [`stats`]; [`charts`] draws SVG; [`pages`] renders
//! the HTML with Tera templates and Markdown; [`output`] swaps the finished site into place.

pub mod aggregate;
pub mod background;
pub mod build;
pub mod charts;
pub mod comments;
pub mod cuts;
pub mod diagnostics;
pub mod format;
pub mod framework;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pages;
pub mod period;
pub mod privacy;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod stats;
pub mod suggest;
pub mod warnings;
