//! Loyalty: the programme as the marketer writes it (`programme`), the points it awards (`points`),
//! the card a shopper sees (`card`) and its words (`text`), the rewards panel (`panel`, `panel_text`),
//! and the shopper's standing that audience conditions read (`standing`).

mod card;
#[cfg(decodes_rewards)]
mod panel;
#[cfg(decodes_rewards)]
mod panel_text;
mod points;
pub mod programme;
pub mod rewards;
mod standing;
mod text;

pub use crate::format::{Formatter, Plural};
pub use crate::language::Language;
pub use card::{
    card, programme_card, same_currency, Amount, BalanceSource, Card, Expiring, MemberCard, NextTier, ProgrammeCard,
    TierView, EXPIRY_WARNING_DAYS,
};
#[cfg(decodes_rewards)]
pub use panel::{panel, BadgeView, EarnView, Panel, PanelMember, Redeem, RewardStatus, RewardView, Spent};
#[cfg(decodes_rewards)]
pub use panel_text::{panel_text, BadgeText, FlowText, PanelText, RewardText};
pub use points::{earned, history, Earning};
pub use programme::{Basis, EarnRule, Programme, Qualification, Rounding, Tier};
pub use standing::facts;
pub use text::{card_text, CardText, ProgressText};
