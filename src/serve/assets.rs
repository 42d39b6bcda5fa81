//! The page, its script and its styles, written by hand and embedded in the binary: the
//! page works offline and loads nothing from anywhere else.

pub const INDEX: &str = include_str!("assets/index.html");
pub const SCRIPT: &str = include_str!("assets/app.js");
pub const STYLE: &str = include_str!("assets/app.css");
