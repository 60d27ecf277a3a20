"""Patron's recommendation model on Apache Spark: the model's parts as tables, which
`patron model pack --tables DIR` turns into the browser's model file.

    spark-submit kits/spark/model_tables.py --orders ORDERS.csv --out TABLES_DIR \
        [--max-products N] [--neighbours 8] [--recent-days 90] [--shrink 5]

ORDERS is the export `patron model build` reads (CSV with the header
customer_id,order_id,placed_at,sku,quantity,unit_price[,category]) or a Parquet table with the same
columns. The quantities are the ones the book defines (integrate/recommendations.md), computed exactly as the
native builder computes them (kits/spark/README.md; the check in kits/spark/check.py holds the two
to the same model, byte for byte):

- an order is the lines with one (customer_id, order_id); its moment and day are its first line's
  (the export's order), its day the calendar day written in placed_at;
- orders(p): the orders holding product p; buyers(p): its distinct customers; repeat_buyers(p): the
  customers with at least two orders of it; recent_buyers(p): the customers whose last order of it
  falls on or after the newest order's day minus recent_days; interval_days(p): the upper median of
  the days between one customer's consecutive orders of it (gaps of 0 days left out);
- the products kept are ranked by recent_buyers, then buyers (both descending), then SKU; the first
  max_products of them;
- weight(a, b) = together(a, b) / (sqrt(orders(a) * orders(b)) + shrink), in single precision as
  the model stores it, where together counts the orders holding both kept products; each product's
  neighbours are its `neighbours` strongest, ties broken by the neighbour's rank among the products
  kept.

- the peer groups ("shoppers like you") are learnt by `patron model pack` from the baskets of at
  most 20,000 customers: all of them, or the 20,000 whose ids have the lowest 64-bit FNV-1a hash
  (ties by id); each order is a basket, numbered per customer from 0 in the export's order (placed,
  then first line).

Tables written (CSV with a header, one part file each, in TABLES_DIR): products (sku, category,
orders, buyers, recent_buyers, repeat_buyers, interval_days), neighbours (sku, neighbour, rank,
weight), baskets (customer, basket, sku) and meta (built_at, max_products, neighbours, recent_days,
shrink).
"""

import argparse
import sys

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F

COLUMNS = ["customer_id", "order_id", "placed_at", "sku", "quantity", "unit_price"]
# Customers whose baskets the peer groups are learnt from, at most (Patron's `Tastes::MAX`).
PEER_CUSTOMERS = 20_000



class InputError(Exception):
    """A problem with the export, worded for the person who runs the job."""


def read_orders(spark, path):
    """The export's lines, checked, with their place in the export (`line`)."""
    if path.endswith(".parquet"):
        lines = spark.read.parquet(path)
    else:
        lines = spark.read.csv(path, header=True, inferSchema=False, mode="FAILFAST")
    names = lines.columns
    if names[:6] != COLUMNS or names[6:] not in ([], ["category"]):
        raise InputError(f"{path}: expected the columns {','.join(COLUMNS)}[,category], got {','.join(names)}")
    if "category" not in names:
        lines = lines.withColumn("category", F.lit(None).cast("string"))
    # The export's order: a single file is split into partitions in the order of its bytes, and the
    # ids grow with the partition, then the row.
    lines = lines.withColumn("line", F.monotonically_increasing_id())
    placed = F.col("placed_at").cast("timestamp")
    checked = lines.select(
        "line", "customer_id", "order_id", "sku", "category", "placed_at", "quantity", "unit_price",
        placed.cast("long").alias("unix"),
        # The calendar day written in placed_at (its own offset), as the native builder takes it.
        F.datediff(F.to_date(F.substring("placed_at", 1, 10)), F.lit("1970-01-01")).alias("day"),
    )
    bad = checked.where(
        F.col("unix").isNull() | F.col("day").isNull()
        | F.col("quantity").cast("int").isNull() | F.col("unit_price").cast("double").isNull()
        | (F.coalesce(F.col("customer_id"), F.lit("")) == "") | (F.coalesce(F.col("order_id"), F.lit("")) == "")
        | (F.coalesce(F.col("sku"), F.lit("")) == "")
    ).orderBy("line").limit(1).collect()
    if bad:
        row = bad[0]
        raise InputError(
            f"{path}: a malformed line (customer_id {row.customer_id!r}, order_id {row.order_id!r}, placed_at "
            f"{row.placed_at!r}, sku {row.sku!r}, quantity {row.quantity!r}, unit_price {row.unit_price!r}); "
            "`patron model build` names its line and column"
        )
    return checked.drop("quantity", "unit_price", "placed_at")


def model_tables(lines, max_products=None, neighbours=8, recent_days=90, shrink=5.0):
    """The products, neighbours and baskets tables and the newest order's day, from checked lines."""
    orders = lines.groupBy("customer_id", "order_id").agg(
        F.min("line").alias("first_line"),
        F.min_by("unix", "line").alias("placed"),
        F.min_by("day", "line").alias("day"),
    )
    items = lines.select("customer_id", "order_id", "sku").distinct().join(orders, ["customer_id", "order_id"])
    built_at = orders.agg(F.max("day")).first()[0]
    if built_at is None:
        raise InputError("the export has no order lines: there is nothing to build a model from")
    recent_from = built_at - recent_days

    in_turn = Window.partitionBy("customer_id", "sku").orderBy("placed", "first_line")
    bought = items.withColumn("previous", F.lag("day").over(in_turn)).withColumn(
        "last", F.last("day").over(in_turn.rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing))
    )
    gaps = bought.where(F.col("previous").isNotNull() & (F.col("day") > F.col("previous"))).groupBy("sku").agg(
        F.sort_array(F.collect_list(F.col("day") - F.col("previous"))).alias("gaps")
    ).select("sku", F.element_at("gaps", (F.floor(F.size("gaps") / 2) + 1).cast("int")).alias("interval_days"))
    per_buyer = bought.groupBy("sku", "customer_id").agg(F.count("*").alias("n"), F.first("last").alias("last"))
    buyers = per_buyer.groupBy("sku").agg(
        F.count("*").alias("buyers"),
        F.sum(F.when(F.col("n") >= 2, 1).otherwise(0)).alias("repeat_buyers"),
        F.sum(F.when(F.col("last") >= recent_from, 1).otherwise(0)).alias("recent_buyers"),
    )
    counts = items.groupBy("sku").agg(F.count("*").alias("orders"))
    category = (
        lines.where(F.col("category").isNotNull() & (F.col("category") != ""))
        .groupBy("sku").agg(F.max_by("category", "line").alias("category"))
    )
    products = (
        counts.join(buyers, "sku").join(gaps, "sku", "left").join(category, "sku", "left")
        .withColumn(
            "rank",
            F.row_number().over(Window.orderBy(F.desc("recent_buyers"), F.desc("buyers"), F.asc("sku"))),
        )
    )
    kept = products if max_products is None else products.where(F.col("rank") <= max_products)
    kept_items = items.join(kept.select("sku", "rank", "orders"), "sku")
    a = kept_items.select("customer_id", "order_id", F.col("sku").alias("sku"), F.col("orders").alias("orders_a"))
    b = kept_items.select(
        "customer_id", "order_id", F.col("sku").alias("neighbour"), F.col("rank").alias("rank_b"),
        F.col("orders").alias("orders_b"),
    )
    pairs = (
        a.join(b, ["customer_id", "order_id"]).where(F.col("sku") != F.col("neighbour"))
        .groupBy("sku", "neighbour", "rank_b", "orders_a", "orders_b").agg(F.count("*").alias("together"))
    )
    # Single precision throughout, as the native builder computes it: float products and sums stay
    # float in Spark, and a division or square root rounded once more to float equals float's own
    # (double has more than twice float's precision).
    product = F.col("orders_a").cast("float") * F.col("orders_b").cast("float")
    denominator = F.sqrt(product).cast("float") + F.lit(shrink).cast("float")
    weighed = pairs.withColumn("weight", (F.col("together").cast("float") / denominator).cast("float"))
    strongest = Window.partitionBy("sku").orderBy(F.desc("weight"), F.asc("rank_b"))
    neighbour_table = (
        weighed.withColumn("rank", F.row_number().over(strongest)).where(F.col("rank") <= neighbours)
        .select("sku", "neighbour", "rank", "weight")
    )
    product_table = products.select(
        "sku", "category", "orders", "buyers", "recent_buyers", "repeat_buyers", "interval_days"
    )
    # Defined here, so that Spark ships it to its workers by value: a module-level function would be
    # imported there by name, and this module is not on the workers' path.
    def fnv1a(text):
        """Patron's stable hash of a customer id (64-bit FNV-1a of its UTF-8 bytes), as 16 hex
        digits: strings that sort as the numbers do."""
        value = 0xCBF29CE484222325
        for byte in text.encode("utf-8"):
            value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        return f"{value:016x}"

    hashed = orders.select("customer_id").distinct().withColumn("hash", F.udf(fnv1a, "string")("customer_id"))
    sampled = hashed.withColumn(
        "place", F.row_number().over(Window.orderBy("hash", "customer_id"))
    ).where(F.col("place") <= PEER_CUSTOMERS).select("customer_id")
    numbered = orders.join(sampled, "customer_id").withColumn(
        "basket", F.row_number().over(Window.partitionBy("customer_id").orderBy("placed", "first_line")) - 1
    )
    basket_table = items.join(numbered.select("customer_id", "order_id", "basket"), ["customer_id", "order_id"]).select(
        F.col("customer_id").alias("customer"), "basket", "sku"
    )
    return product_table, neighbour_table, basket_table, built_at


def write_tables(spark, lines, out, max_products=None, neighbours=8, recent_days=90, shrink=5.0):
    """Computes the tables from checked lines and writes them under `out`."""
    products, neighbour_table, baskets, built_at = model_tables(lines, max_products, neighbours, recent_days, shrink)
    products.orderBy("sku").coalesce(1).write.mode("overwrite").csv(f"{out}/products", header=True)
    baskets.orderBy("customer", "basket", "sku").coalesce(1).write.mode("overwrite").csv(f"{out}/baskets", header=True)
    neighbour_table.orderBy("sku", "rank").coalesce(1).write.mode("overwrite").csv(f"{out}/neighbours", header=True)
    meta = spark.createDataFrame(
        [(str(iso_day(built_at)), max_products, neighbours, recent_days, float(shrink))],
        "built_at string, max_products int, neighbours int, recent_days int, shrink double",
    )
    meta.coalesce(1).write.mode("overwrite").csv(f"{out}/meta", header=True)


def iso_day(days):
    """Days since 1970-01-01 as YYYY-MM-DD."""
    import datetime

    return datetime.date(1970, 1, 1) + datetime.timedelta(days=int(days))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--max-products", type=int)
    parser.add_argument("--neighbours", type=int, default=8)
    parser.add_argument("--recent-days", type=int, default=90)
    parser.add_argument("--shrink", type=float, default=5.0)
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("patron-model-tables").getOrCreate()
    try:
        lines = read_orders(spark, args.orders)
        write_tables(spark, lines, args.out, args.max_products, args.neighbours, args.recent_days, args.shrink)
    except InputError as error:
        print(f"model_tables: {error}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
