//! Loyalty: the programme as the marketer writes it (`programme`), the points it awards (`points`),
//! the card a shopper sees (`card`) and its words (`text`).

mod card;
mod points;
pub mod programme;
pub mod rewards;
mod text;

pub use crate::format::{Formatter, Plural};
pub use crate::language::Language;
pub use card::{
    card, programme_card, Amount, BalanceSource, Card, Expiring, MemberCard, NextTier, ProgrammeCard, TierView,
    EXPIRY_WARNING_DAYS,
};
pub use points::{earned, history, Earning};
pub use programme::{Basis, EarnRule, Programme, Qualification, Rounding, Tier};
pub use text::{card_text, CardText, ProgressText};
