package dev.magpie.activity.internal.demo;

import java.util.List;

/** First and last names for the demo store's customers, from the countries they live in. */
final class Names {

    static final List<String> FIRST = List.of("Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah",
            "Isabella", "James", "Mia", "William", "Amelia", "Benjamin", "Harper", "Lucas", "Evelyn", "Henry",
            "Abigail", "Alexander", "Emily", "Mateo", "Ella", "Daniel", "Elizabeth", "Michael", "Camila", "Ethan",
            "Luna", "Jacob", "Sofia", "Logan", "Avery", "Jackson", "Mila", "Sebastian", "Aria", "Jack", "Scarlett",
            "Aiden", "Penelope", "Owen", "Layla", "Samuel", "Chloe", "Leo", "Victoria", "Wyatt", "Madison", "Priya",
            "Arjun", "Mei", "Hiroshi", "Yuki", "Chen", "Fatima", "Omar", "Aisha", "Mohammed", "Sven", "Ingrid",
            "Lukas", "Hannah", "Finn", "Lena", "Chloé", "Louis", "Manon", "Jules", "Siobhan", "Ciarán", "Aoife",
            "Ruairí", "Daan", "Sanne", "Femke", "Charlotte", "Isla", "Freya", "Harry", "George", "Alfie", "Grace",
            "Zoe", "Nora", "Riley", "Maya", "Ruby", "Ivy", "Jasper", "Theo", "Ezra", "Hazel", "Violet", "Stella");

    static final List<String> LAST = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
            "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
            "Carter", "Roberts", "Patel", "Shah", "Kim", "Park", "Chen", "Wang", "Tanaka", "Sato", "Müller",
            "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Dubois", "Durand", "Lefèvre",
            "Moreau", "Laurent", "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "de Jong", "Jansen", "de Vries",
            "van Dijk", "Bakker", "Evans", "Hughes", "Edwards", "Wood", "Turner", "Cooper", "Morris", "Reid",
            "Fraser", "MacDonald", "Singh", "Khan", "Ali", "Nowak", "Kowalski", "Rossi", "Russo", "Silva");

    private Names() {
    }
}
