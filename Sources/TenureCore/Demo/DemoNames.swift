/// Word lists for readable, deterministic demo names.
enum DemoNames {
    static let prefixes = [
        "Acme", "Blue", "Bright", "Cedar", "Clear", "Cloud", "Copper", "Delta", "Echo", "Ember", "Falcon", "Fern",
        "Granite", "Harbor", "Helix", "Indigo", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Meridian",
        "Nimbus", "North", "Nova", "Oak", "Orbit", "Pine", "Prism", "Quartz", "Radiant", "River", "Sable",
        "Silver", "Solar", "Summit", "Tidal", "Titan", "Vertex", "Willow", "Zenith", "Apex", "Beacon", "Cobalt",
    ]
    static let cores = [
        "Analytics", "Bio", "Capital", "Data", "Dynamics", "Energy", "Foods", "Freight", "Health", "Labs",
        "Learning", "Logistics", "Media", "Metrics", "Mobility", "Networks", "Partners", "Retail", "Robotics",
        "Security", "Software", "Studio", "Systems", "Travel", "Ventures", "Works",
    ]
    static let suffixes = ["", "", "", " Inc", " Ltd", " GmbH", " Co", " Group", " LLC"]
    static let industries = [
        "Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education", "Media",
        "Logistics", "Professional Services", "Real Estate", "Nonprofit", "Energy",
    ]
    static let firstNames = [
        "Ada", "Ben", "Chloe", "Dev", "Elena", "Felix", "Grace", "Hiro", "Ines", "Jonas", "Kira", "Liam", "Maya",
        "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Xin", "Yara", "Zane",
    ]
    static let lastNames = [
        "Adams", "Berg", "Costa", "Diaz", "Eriksen", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan",
        "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi", "Silva", "Tanaka", "Usman",
        "Varga", "Walsh", "Young", "Zhou",
    ]
    static let titles = ["Head of Operations", "Analyst", "Product Manager", "Engineer", "Director of Data", "VP Finance", "Team Lead"]
    static let ticketSubjects: [(subject: String, category: String)] = [
        ("Dashboard loads slowly", "performance"), ("Export to CSV fails", "bug"), ("How do I share a report?", "how-to"),
        ("Integration sync errors", "integrations"), ("Invoice shows the wrong seat count", "billing"),
        ("Cannot invite a teammate", "bug"), ("SSO login loops", "authentication"), ("Workflow did not run", "bug"),
        ("Need help building a funnel", "how-to"), ("Data is missing since yesterday", "integrations"),
    ]
    static let detractorComments = [
        "Too hard to get the team to use it.", "Support took days to answer.", "Missing the reports we need.",
        "Sync keeps breaking.", "Too expensive for what we use.",
    ]
    static let promoterComments = [
        "Our weekly review runs on it.", "Saved us hours every week.", "Great support team.", "The dashboards are excellent.",
    ]
}
