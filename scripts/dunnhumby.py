"""Converts The Complete Journey's parquet files into Patron's orders.csv and products.csv.

Households become customers, baskets become orders, and a line's unit price is its sales value over
its quantity. The data set has no product names, so a product's title is its product type; its price
is the median unit price it sold at. Timestamps carry no zone in the source and are written as UTC.
"""

import csv
import statistics
import sys
from collections import defaultdict

import pyarrow.parquet as pq


def main(source: str, out: str) -> None:
    products = pq.read_table(f"{source}/products.parquet").to_pylist()
    category = {p["product_id"]: (p["product_category"] or p["department"] or "") for p in products}

    transactions = pq.read_table(
        f"{source}/transactions.parquet",
        columns=["household_id", "basket_id", "transaction_timestamp", "product_id", "quantity", "sales_value"],
    ).to_pylist()
    transactions.sort(key=lambda t: (t["transaction_timestamp"], t["basket_id"], t["product_id"]))
    prices = defaultdict(list)
    written = 0
    with open(f"{out}/orders.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["customer_id", "order_id", "placed_at", "sku", "quantity", "unit_price", "category"])
        for t in transactions:
            quantity = t["quantity"]
            # Lines with no quantity (returns, weighed goods recorded as 0) carry no purchase.
            if quantity <= 0 or t["sales_value"] < 0:
                continue
            unit = round(t["sales_value"] / quantity, 2)
            prices[t["product_id"]].append(unit)
            w.writerow([
                t["household_id"],
                t["basket_id"],
                t["transaction_timestamp"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                t["product_id"],
                quantity,
                f"{unit:.2f}",
                category.get(t["product_id"], ""),
            ])
            written += 1
    with open(f"{out}/products.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["sku", "title", "category", "brand", "in_stock", "new_since", "url", "image", "price"])
        for p in products:
            sold = prices.get(p["product_id"])
            title = (p["product_type"] or p["product_category"] or p["department"] or "").title()
            price = f"{statistics.median(sold):.2f}" if sold else ""
            w.writerow([p["product_id"], title, category[p["product_id"]], p["brand"] or "", "true", "", "", "", price])
    print(f"[dunnhumby] {written} order lines, {len(products)} products", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
