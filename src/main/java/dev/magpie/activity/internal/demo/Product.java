package dev.magpie.activity.internal.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Something the demo store sells. */
record Product(String id, String sku, String name, String category, String brand, BigDecimal price) {

    static final String STORE_URL = "https://store.example.com";

    /** The store's catalogue, best sellers first (shoppers look at the first ones most). */
    static final List<Product> CATALOGUE = catalogue();

    String url() {
        return STORE_URL + "/products/" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    String imageUrl() {
        return STORE_URL + "/images/" + id.toLowerCase(Locale.ROOT) + ".jpg";
    }

    private static List<Product> catalogue() {
        String[][] lines = {
            // category, brand, price, names…
            { "Apparel", "Northwind", "38.00", "Merino Crew Sweater", "Organic Cotton Tee", "Linen Button-Down",
                "Recycled Fleece Hoodie", "Everyday Chino", "Quilted Vest", "Rain Shell Jacket", "Wool Beanie" },
            { "Footwear", "Trailhead", "89.00", "Canvas Low-Top Sneaker", "Leather Chelsea Boot", "Trail Runner 3",
                "Wool Slipper", "Waterproof Hiker", "Everyday Sandal" },
            { "Accessories", "Magpie & Co", "24.00", "Waxed Canvas Tote", "Leather Card Wallet", "Polarised Sunglasses",
                "Merino Scarf", "Canvas Weekender Bag", "Braided Leather Belt", "Insulated Water Bottle" },
            { "Home", "Hearth", "32.00", "Stoneware Mug Set", "Linen Throw Blanket", "Soy Candle — Cedar", "Cast Iron Skillet",
                "Pour-Over Coffee Kit", "Ceramic Planter", "Waffle Bath Towel" },
            { "Outdoor", "Ridgeline", "64.00", "Camp Chair", "Ultralight Tent 2P", "Down Sleeping Bag", "Trekking Poles",
                "Headlamp 400", "Daypack 22L", "Enamel Camp Mug" },
            { "Beauty", "Fern & Field", "18.00", "Botanical Face Oil", "Clay Mask", "Lip Balm Trio", "Shea Body Butter",
                "Daily SPF 30", "Rosemary Shampoo Bar" } };
        List<Product> products = new ArrayList<>();
        for (String[] line : lines) {
            BigDecimal base = new BigDecimal(line[2]);
            for (int i = 3; i < line.length; i++) {
                int n = products.size() + 1;
                // Prices vary around the category's base: 0.6× to 2.4×, ending in .00 or .95 like a real shop
                BigDecimal factor = BigDecimal.valueOf(60 + (n * 37) % 180, 2);
                BigDecimal price = base.multiply(factor).setScale(0, RoundingMode.HALF_UP);
                if (n % 3 == 0) {
                    price = price.subtract(new BigDecimal("0.05"));
                }
                products.add(new Product("P" + (1000 + n), "MAG-" + line[0].substring(0, 2).toUpperCase(Locale.ROOT)
                        + "-" + String.format(Locale.ROOT, "%03d", n), line[i], line[0], line[1],
                        price.setScale(2, RoundingMode.HALF_UP)));
            }
        }
        // Interleave categories so the best sellers (the first few) are not all of one kind
        List<Product> interleaved = new ArrayList<>(products.size());
        for (int stride = 0; stride < 8; stride++) {
            for (int i = stride; i < products.size(); i += 8) {
                interleaved.add(products.get(i));
            }
        }
        return List.copyOf(interleaved);
    }
}
