//! Model loading: any bytes must give a model or an error, never a panic; a model that loads must
//! score without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use patron::recommend::{recommend, History, Model, Rules, Weights};
use patron::Date;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = Model::from_bytes(data) {
        let n = model.products.len() as u32;
        let today = Date::new(2026, 11, 20).expect("a valid date");
        let purchases = (0..n.min(50)).map(|p| (p, today.add_days(-i64::from(p) * 9))).collect();
        let history = History { purchases, cart: vec![0, n / 2], personal: true };
        let _ = recommend(&model, &history, today, 12, &Rules::default(), &Weights::default());
    }
});
