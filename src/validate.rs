//! Validation rules: findings on a parsed filing, never errors.

use crate::model::{Issue, Schedule13D};

/// Which rules run and their tolerances.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Rule codes switched off.
    pub disabled: Vec<String>,
}

/// Run every enabled rule on `filing`.
pub fn validate(filing: &Schedule13D, config: &Config) -> Vec<Issue> {
    let _ = (filing, config);
    Vec::new()
}
