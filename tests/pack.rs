//! `patron model pack`: the model's parts as tables (the Spark job's, kits/spark/) packed into the
//! model file. The tables of the demo catalogue, as the job writes them, give the very model `patron
//! model build` writes (kits/spark/check.py holds the job itself to it in the test command); every
//! broken table is refused with its table, file, row and column, and nothing is written.

use std::path::Path;

fn patron(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_patron")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The demo catalogue's tables as kits/spark/model_tables.py writes them (checked against a run of
/// the job on 2026-11-28).
const META: &str = "built_at,max_products,neighbours,recent_days,shrink\n2026-05-31,,8,90,5.0\n";
const PRODUCTS: &str = "sku,category,orders,buyers,recent_buyers,repeat_buyers,interval_days
BEAN-ESPRESSO-1KG,coffee,73,17,11,17,36
BEAN-HOUSE-1KG,coffee,21,7,2,5,34
FILTER-102,accessories,53,21,10,17,39
GRINDER-HAND,equipment,11,11,0,0,
MUG-STONE,accessories,21,15,6,5,41
TEA-EARLGREY,tea,34,18,11,11,58
TEA-GREEN,tea,12,10,5,2,76
";

fn tables(dir: &Path, products: &str, neighbours: &str) {
    std::fs::write(dir.join("meta.csv"), META).unwrap();
    std::fs::write(dir.join("products.csv"), products).unwrap();
    std::fs::write(dir.join("neighbours.csv"), neighbours).unwrap();
    std::fs::write(dir.join("baskets.csv"), demo_baskets()).unwrap();
}

/// The demo customers' baskets, numbered per customer oldest first, as the job writes them.
fn demo_baskets() -> String {
    use patron::recommend::exports::Orders;
    let orders = Orders::read(Path::new("www/catalogue/orders.csv")).unwrap();
    let mut numbers = vec![0; orders.customers.len()];
    let mut table = String::from("customer,basket,sku\n");
    for basket in &orders.baskets {
        let number = &mut numbers[basket.customer as usize];
        for (sku, _, _) in &basket.items {
            table +=
                &format!("{},{number},{}\n", orders.customers[basket.customer as usize], orders.skus[*sku as usize]);
        }
        *number += 1;
    }
    table
}

/// The neighbours the native builder finds for the demo catalogue, as a table.
fn demo_neighbours() -> String {
    use patron::recommend::exports::{Catalogue, Orders};
    use patron::recommend::train::{build, Options};
    let orders = Orders::read(Path::new("www/catalogue/orders.csv")).unwrap();
    let model = build(&orders, &Catalogue::default(), &Options::default());
    let mut table = String::from("sku,neighbour,rank,weight\n");
    for product in &model.products {
        for (rank, n) in product.neighbours.iter().enumerate() {
            let neighbour = &model.products[n.product as usize].sku;
            table += &format!("{},{neighbour},{},{}\n", product.sku, rank + 1, n.weight);
        }
    }
    table
}

#[test]
fn the_demo_tables_pack_into_the_model_that_model_build_writes() {
    let dir = tempfile::tempdir().unwrap();
    tables(dir.path(), PRODUCTS, &demo_neighbours());
    let (packed, built) = (dir.path().join("packed.ptrm"), dir.path().join("built.ptrm"));
    let catalogue = ["--products", "www/catalogue/products.csv"];
    let (code, out, err) = patron(
        &[
            &["model", "pack", "--tables", dir.path().to_str().unwrap(), "--out", packed.to_str().unwrap()][..],
            &catalogue,
        ]
        .concat(),
    );
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.ends_with(", 1069 bytes\n"), "{out}");
    patron(
        &[
            &["model", "build", "--orders", "www/catalogue/orders.csv", "--out", built.to_str().unwrap()][..],
            &catalogue,
        ]
        .concat(),
    );
    assert!(std::fs::read(&packed).unwrap() == std::fs::read(&built).unwrap());
}

#[test]
fn a_broken_table_names_table_row_and_column_and_nothing_is_written() {
    let neighbours = demo_neighbours();
    let cases: Vec<(String, String, String)> = vec![
        (
            PRODUCTS.replace("interval_days\n", "interval\n"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 1: expected the columns sku,category,orders,buyers,recent_buyers,repeat_buyers,interval_days, got sku,category,orders,buyers,recent_buyers,repeat_buyers,interval".into(),
        ),
        (
            PRODUCTS.replace("TEA-GREEN,tea,12,", "TEA-GREEN,tea,twelve,"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 8, column orders: expected a whole number, got \"twelve\"".into(),
        ),
        (
            format!("{PRODUCTS}TEA-GREEN,tea,12,10,5,2,76\n"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 9, column sku: \"TEA-GREEN\" is there twice".into(),
        ),
        (
            PRODUCTS.replace("MUG-STONE,accessories,21,15,6,5,41", "MUG-STONE,accessories,21,15,16,5,41"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 6: \"MUG-STONE\" has 21 orders, 15 buyers, 16 recent and 5 repeat buyers: a sold product has buyers, at most one per order, and its recent and repeat buyers are among them".into(),
        ),
        // The counts in that message, over 0, 1 and 2.
        (
            PRODUCTS.replace("MUG-STONE,accessories,21,15,6,5,41", "MUG-STONE,accessories,0,1,0,0,41"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 6: \"MUG-STONE\" has 0 orders, 1 buyer, 0 recent and 0 repeat buyers: a sold product has buyers, at most one per order, and its recent and repeat buyers are among them".into(),
        ),
        (
            PRODUCTS.replace("MUG-STONE,accessories,21,15,6,5,41", "MUG-STONE,accessories,1,2,1,1,41"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 6: \"MUG-STONE\" has 1 order, 2 buyers, 1 recent and 1 repeat buyer: a sold product has buyers, at most one per order, and its recent and repeat buyers are among them".into(),
        ),
        (
            PRODUCTS.replace("MUG-STONE,accessories,21,15,6,5,41", "MUG-STONE,accessories,2,0,2,2,41"),
            neighbours.clone(),
            "the products table (DIR/products.csv), row 6: \"MUG-STONE\" has 2 orders, 0 buyers, 2 recent and 2 repeat buyers: a sold product has buyers, at most one per order, and its recent and repeat buyers are among them".into(),
        ),
        (
            PRODUCTS.to_string(),
            format!("{neighbours}TEA-GREEN,KETTLE-9,9,0.5\n"),
            format!("the neighbours table (DIR/neighbours.csv), row {}, column neighbour: expected a product the model keeps (from the products table), got \"KETTLE-9\"", neighbours.lines().count() + 1),
        ),
        (
            PRODUCTS.to_string(),
            neighbours.replacen(",1,", ",one,", 1),
            "the neighbours table (DIR/neighbours.csv), row 2, column rank: expected a rank from 1, got \"one\"".into(),
        ),
        (
            PRODUCTS.to_string(),
            neighbours.replacen(",2,", ",1,", 1),
            "the neighbours table: \"TEA-EARLGREY\" has the ranks 1, 1, 3, 4, 5, 6: expected 1 to at most 8 with none missing or twice".into(),
        ),
    ];
    for (products, neighbours, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        tables(dir.path(), &products, &neighbours);
        let out = dir.path().join("model.ptrm");
        let (code, _, err) =
            patron(&["model", "pack", "--tables", dir.path().to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let shown = dir.path().display().to_string();
        assert_eq!((code, err.replace(&shown, "DIR")), (1, format!("patron: {message}\n")));
        assert!(!out.exists(), "nothing is written: {message}");
    }
    // A basket naming a product the products table does not have.
    let dir = tempfile::tempdir().unwrap();
    tables(dir.path(), PRODUCTS, &demo_neighbours());
    std::fs::write(dir.path().join("baskets.csv"), "customer,basket,sku\nC1,0,BEAN-ESPRESSO-1KG\nC1,1,KETTLE\n")
        .unwrap();
    let (code, _, err) = patron(&["model", "pack", "--tables", dir.path().to_str().unwrap(), "--out", "/dev/null"]);
    assert_eq!(
        (code, err.replace(&dir.path().display().to_string(), "DIR")),
        (1, "patron: the baskets table (DIR/baskets.csv), row 3, column sku: expected a product of the products table, got \"KETTLE\"\n".to_string())
    );
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = patron(&["model", "pack", "--tables", dir.path().to_str().unwrap(), "--out", "/dev/null"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("patron: the meta table is missing: expected "), "{err}");
}
