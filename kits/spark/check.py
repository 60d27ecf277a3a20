"""The Spark job and `patron model pack` reproduce `patron model build`, byte for byte: on the demo
catalogue (as CSV and as Parquet), and on a 100,000-line sample of The Complete Journey (its first lines, when
scripts/dunnhumby.sh has fetched it; otherwise a generated export of the same shape), with the
default options and with --max-products and --neighbours. Spark runs in local mode, one session for
all; scripts/test.sh runs this after `scripts/setup.sh --spark`.

    target/spark/venv/bin/python kits/spark/check.py PATRON_BINARY
"""

import os
import random
import subprocess
import sys
import tempfile
import time

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(__file__))
import model_tables  # noqa: E402


def sample(path):
    """The first 100,000 lines of The Complete Journey's export, or a generated export like it."""
    source = "target/dunnhumby/orders.csv"
    if os.path.exists(source):
        with open(source) as full, open(path, "w") as out:
            for i, line in enumerate(full):
                if i > 100_000:
                    break
                out.write(line)
        return "the first 100,000 lines of The Complete Journey"
    rng = random.Random(2026)
    products = [(f"{800_000 + 37 * i}", f"CATEGORY {i % 150}") for i in range(20_000)]
    weights = [1 / (1 + i) ** 0.9 for i in range(len(products))]
    with open(path, "w") as out:
        out.write("customer_id,order_id,placed_at,sku,quantity,unit_price,category\n")
        lines, order = 0, 0
        while lines < 100_000:
            customer = rng.randrange(2_000)
            order += 1
            day = 1 + rng.randrange(360)
            moment = f"2017-{1 + (day - 1) // 30 % 12:02d}-{1 + (day - 1) % 28:02d}T{8 + rng.randrange(12):02d}:{rng.randrange(60):02d}:00Z"
            for sku, category in rng.choices(products, weights, k=1 + rng.randrange(18)):
                out.write(f"{customer},{order},{moment},{sku},{1 + rng.randrange(3)},{rng.randrange(50, 900) / 100:.2f},{category}\n")
                lines += 1
    return "a generated export of 100,000 lines (The Complete Journey is absent)"


def main(patron):
    started = time.time()
    spark = (
        SparkSession.builder.master("local[2]").appName("patron-check")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        big = os.path.join(work, "sample.csv")
        described = sample(big)
        # The same export as a Parquet table of text columns.
        parquet = os.path.join(work, "orders.parquet")
        spark.read.csv("www/catalogue/orders.csv", header=True).write.parquet(parquet)
        cases = [
            ("the demo catalogue", "www/catalogue/orders.csv", "www/catalogue/products.csv", None, 8),
            ("the demo catalogue as Parquet", parquet, "www/catalogue/products.csv", None, 8),
            (described, big, None, None, 8),
            (described + ", --max-products 3000 --neighbours 5", big, None, 3000, 5),
        ]
        for i, (name, orders, products, max_products, neighbours) in enumerate(cases):
            tables = os.path.join(work, f"tables-{i}")
            case_started = time.time()
            lines = model_tables.read_orders(spark, orders)
            model_tables.write_tables(spark, lines, tables, max_products, neighbours)
            spark_seconds = time.time() - case_started
            catalogue = ["--products", products] if products else []
            packed, built = os.path.join(work, f"packed-{i}.ptrm"), os.path.join(work, f"built-{i}.ptrm")
            subprocess.run([patron, "model", "pack", "--tables", tables, "--out", packed, *catalogue], check=True, stdout=subprocess.DEVNULL)
            options = (["--max-products", str(max_products)] if max_products else []) + ["--neighbours", str(neighbours)]
            csv = "www/catalogue/orders.csv" if orders == parquet else orders
            subprocess.run([patron, "model", "build", "--orders", csv, "--out", built, *catalogue, *options], check=True, stdout=subprocess.DEVNULL)
            same = open(packed, "rb").read() == open(built, "rb").read()
            failures += not same
            size = os.path.getsize(built)
            print(f"[spark] {name}: {'the same model' if same else 'DIFFERENT MODELS'} ({size:,} bytes; Spark {spark_seconds:.1f} s)")
    spark.stop()
    print(f"[spark] {len(cases) - failures} of {len(cases)} models the same, in {time.time() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
