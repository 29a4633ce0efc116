//! The checks of the checklist, one file each behind the [`Rule`](super::Rule)
//! trait: [`roi`] (is the return quantifiable, 3:1 on compute within the
//! horizon), [`diversification`] (is the infrastructure spread over
//! providers) and [`agentic`] (is it an agent rather than a chatbot).
//!
//! Each file's `explain` text is the user-facing rule catalogue; its tests
//! sit beside it.

pub mod agentic;
pub mod diversification;
pub mod roi;
