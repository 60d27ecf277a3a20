//! The carousel's words, in the shopper's language: the same for the widget and the tests.

use super::model::Model;
use super::score::Reason;
use crate::language::Language;

/// The carousel's heading.
pub fn heading(language: Language) -> &'static str {
    match language {
        Language::De => "Für Sie empfohlen",
        Language::En => "Recommended for you",
    }
}

/// Why a product is shown, in words: "Zeit für Nachschub?", "Oft zusammen gekauft mit Hausmischung".
pub fn reason(reason: &Reason, language: Language, model: &Model) -> String {
    let title = |sku: &str| -> String {
        let product = model.find(sku).and_then(|p| model.product(p)).filter(|p| !p.title.is_empty());
        product.map_or(sku, |p| p.title.as_str()).to_string()
    };
    match (reason, language) {
        (Reason::RepurchaseDue, Language::De) => "Zeit für Nachschub?".to_string(),
        (Reason::RepurchaseDue, Language::En) => "Time to restock?".to_string(),
        (Reason::BuyAgain, Language::De) => "Wieder bestellen?".to_string(),
        (Reason::BuyAgain, Language::En) => "Buy it again?".to_string(),
        (Reason::BoughtWith(sku), Language::De) => format!("Oft zusammen gekauft mit {}", title(sku)),
        (Reason::BoughtWith(sku), Language::En) => format!("Often bought with {}", title(sku)),
        (Reason::PopularIn(category), Language::De) => format!("Beliebt in {category}"),
        (Reason::PopularIn(category), Language::En) => format!("Popular in {category}"),
        (Reason::SimilarShoppers, Language::De) => "Beliebt bei Kunden mit ähnlichem Einkauf".to_string(),
        (Reason::SimilarShoppers, Language::En) => "Popular with shoppers who buy like you".to_string(),
        (Reason::Trending, Language::De) => "Gerade beliebt".to_string(),
        (Reason::Trending, Language::En) => "Popular right now".to_string(),
        (Reason::Pinned, Language::De) => "Unsere Empfehlung".to_string(),
        (Reason::Pinned, Language::En) => "Our pick".to_string(),
    }
}
