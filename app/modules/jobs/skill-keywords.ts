// Words and phrases that, found in a job description, suggest a skill of the shared taxonomy (content/skills.yaml).
// Read by the local suggester (keyword-suggester.ts) when no AI model is configured; the skills' own labels are
// matched too, so these lists only add what an employer would actually write.
//
// How to write an entry: the base form (singular, masculine) is enough, since matching accepts common endings
// (French/English -s, -x, -e, -es; Arabic -ات, -ة, -ي, -ين, -ون and the proclitics و ف ب ك ل ال); accents, case,
// Arabic diacritics and hamza forms are ignored. Prefer phrases to single generic words: "données" alone would
// suggest a data skill for every job.
//
// A test checks that every skill of content/skills.yaml has an entry in the three languages.

export type SkillKeywords = { fr: readonly string[]; ar: readonly string[]; en: readonly string[] };

export const SKILL_KEYWORDS: Readonly<Record<string, SkillKeywords>> = {
  "ai-concepts": {
    fr: ["intelligence artificielle", "apprentissage automatique", "machine learning", "culture de l'IA", "notions d'IA", "fondamentaux de l'IA", "modèle prédictif"],
    ar: ["الذكاء الاصطناعي", "التعلم الآلي", "تعلم الآلة", "ثقافة الذكاء الاصطناعي"],
    en: ["artificial intelligence", "machine learning", "AI literacy", "AI fundamentals", "predictive model"],
  },
  "llm-fundamentals": {
    fr: ["grand modèle de langage", "modèle de langage", "LLM", "ChatGPT", "IA générative", "agent conversationnel", "chatbot"],
    ar: ["النماذج اللغوية الكبيرة", "نموذج لغوي", "الذكاء الاصطناعي التوليدي", "روبوت المحادثة", "شات جي بي تي"],
    en: ["large language model", "language model", "LLM", "ChatGPT", "generative AI", "chatbot"],
  },
  prompting: {
    fr: ["prompt", "prompting", "rédaction de consignes", "ingénierie de prompt"],
    ar: ["البرومبت", "صياغة التعليمات", "هندسة الأوامر", "هندسة التعليمات"],
    en: ["prompt", "prompting", "prompt engineering"],
  },
  "output-verification": {
    fr: ["vérification des faits", "fact-checking", "vérifier les sources", "vérification des sources", "citer les sources", "vérifier les résultats", "vérifier les réponses", "vérifier les informations", "relecture", "contrôle qualité des contenus"],
    ar: ["التحقق من المعلومات", "التحقق من المصادر", "تدقيق المعلومات", "التحقق من المخرجات", "التحقق من الأجوبة", "مراجعة المحتوى"],
    en: ["fact-checking", "verify sources", "source verification", "cite sources", "check accuracy", "check the answers", "verify information", "proofreading", "review AI output"],
  },
  "data-protection": {
    fr: ["données personnelles", "protection des données", "loi 09-08", "09-08", "CNDP", "RGPD", "vie privée", "confidentialité"],
    ar: ["المعطيات الشخصية", "حماية المعطيات", "البيانات الشخصية", "حماية البيانات", "القانون 09.08", "09.08", "الخصوصية", "السرية"],
    en: ["personal data", "data protection", "law 09-08", "09-08", "CNDP", "GDPR", "privacy", "confidentiality"],
  },
  "responsible-ai": {
    fr: ["IA responsable", "éthique", "biais", "équité", "contrôle humain", "non-discrimination"],
    ar: ["الاستعمال المسؤول", "الذكاء الاصطناعي المسؤول", "الأخلاقيات", "التحيز", "الإنصاف", "الإشراف البشري"],
    en: ["responsible AI", "ethics", "bias", "fairness", "human oversight", "non-discrimination"],
  },
  "ai-writing": {
    fr: ["rédaction", "rédiger", "rapport", "compte rendu", "courrier", "traduction", "synthèse", "communication écrite"],
    ar: ["التحرير", "كتابة التقارير", "تحرير الوثائق", "الترجمة", "التلخيص", "المراسلات", "الكتابة المهنية"],
    en: ["writing", "drafting", "report", "copywriting", "translation", "summarise", "summarize", "written communication"],
  },
  "ai-data-analysis": {
    fr: ["analyse de données", "analyste de données", "tableau de bord", "Excel", "Power BI", "statistique", "visualisation", "tableur", "Python", "SQL"],
    ar: ["تحليل البيانات", "محلل البيانات", "لوحة القيادة", "لوحات القيادة", "الإحصاء", "الإحصائيات", "إكسل", "التمثيل البياني"],
    en: ["data analysis", "data analyst", "analyse data", "analyze data", "dashboard", "Excel", "Power BI", "statistic", "spreadsheet", "visualisation", "visualization", "Python", "SQL"],
  },
  "ai-automation": {
    fr: ["automatisation", "automatiser", "flux de travail", "workflow", "Zapier", "Power Automate", "no-code"],
    ar: ["الأتمتة", "مسارات العمل", "سير العمل"],
    en: ["automation", "automate", "workflow", "Zapier", "Power Automate", "no-code"],
  },
  "ai-tool-evaluation": {
    fr: ["choix d'outils", "évaluation d'outils", "comparer des outils", "comparatif", "veille technologique", "benchmark"],
    ar: ["اختيار الأدوات", "تقييم الأدوات", "مقارنة الأدوات", "اليقظة التكنولوجية"],
    en: ["tool selection", "tool evaluation", "evaluate tools", "compare tools", "vendor selection", "benchmark"],
  },
  "rag-knowledge": {
    fr: ["RAG", "base documentaire", "base de connaissances", "gestion documentaire", "recherche documentaire", "génération augmentée"],
    ar: ["قاعدة وثائقية", "قاعدة المعارف", "قاعدة معرفية", "التوليد المعزز بالاسترجاع", "التدبير الوثائقي"],
    en: ["RAG", "retrieval-augmented", "knowledge base", "document management", "document search"],
  },
  "ai-risk-management": {
    fr: ["gestion des risques", "analyse de risques", "conformité", "sécurité de l'information", "cybersécurité", "audit"],
    ar: ["تدبير المخاطر", "إدارة المخاطر", "تقييم المخاطر", "الامتثال", "الأمن السيبراني", "أمن المعلومات"],
    en: ["risk management", "risk assessment", "compliance", "information security", "cybersecurity", "audit"],
  },
  "ai-public-services": {
    fr: ["service public", "administration publique", "collectivité territoriale", "collectivité", "commune", "usager", "fonction publique", "guichet"],
    ar: ["المرفق العمومي", "المرافق العمومية", "الإدارة العمومية", "الجماعة الترابية", "الجماعات الترابية", "المرتفق", "الوظيفة العمومية"],
    en: ["public service", "public administration", "local government", "municipality", "citizen", "e-government", "civil service"],
  },
  "public-data-governance": {
    fr: ["données publiques", "open data", "données ouvertes", "gouvernance des données", "qualité des données"],
    ar: ["البيانات العمومية", "البيانات المفتوحة", "حكامة البيانات", "جودة البيانات"],
    en: ["public data", "open data", "data governance", "data quality"],
  },
  "ai-agriculture": {
    fr: ["agriculture", "agricole", "agriculteur", "irrigation", "exploitation agricole", "agronomie", "agronome", "conseil agricole", "rendement des cultures", "ravageur"],
    ar: ["الفلاحة", "فلاحي", "الفلاحين", "السقي", "المزروعات", "المحاصيل", "الإرشاد الفلاحي", "الاستغلاليات الفلاحية"],
    en: ["agriculture", "agricultural", "farm", "farmer", "farming", "irrigation", "crop", "agronomy", "agronomist"],
  },
  "agri-data": {
    fr: ["données agricoles", "capteur", "parcelle", "météo", "imagerie satellite", "images satellites", "télédétection", "drone", "SIG"],
    ar: ["البيانات الفلاحية", "مستشعر", "القطع الأرضية", "الطقس", "صور الأقمار الصناعية", "الاستشعار عن بعد"],
    en: ["agricultural data", "farm data", "sensor", "plot", "weather data", "satellite imagery", "remote sensing", "GIS", "drone"],
  },
  "ai-tourism": {
    fr: ["tourisme", "touristique", "hôtellerie", "hôtel", "riad", "réservation", "voyageur", "agence de voyages"],
    ar: ["السياحة", "سياحي", "فندق", "رياض", "الحجوزات", "وكالة الأسفار"],
    en: ["tourism", "hospitality", "hotel", "riad", "booking", "reservation", "travel agency", "guest"],
  },
  "multilingual-service": {
    fr: ["service client", "relation client", "service clientèle", "relation clientèle", "service après-vente", "multilingue", "darija", "amazighe", "centre d'appels", "support client", "accueil des clients"],
    ar: ["خدمة الزبناء", "خدمة العملاء", "العلاقة مع الزبناء", "متعدد اللغات", "الدارجة", "الأمازيغية", "مركز النداء"],
    en: ["customer service", "customer support", "customer care", "after-sales", "multilingual", "Darija", "Amazigh", "call centre", "call center", "front desk"],
  },
  "data-annotation": {
    fr: ["annotation", "annoter", "annotateur", "étiquetage", "labellisation", "jeu de données", "transcription"],
    ar: ["التوسيم", "وسم البيانات", "مجموعات البيانات", "التفريغ الصوتي"],
    en: ["annotation", "annotate", "annotator", "labelling", "labeling", "dataset", "transcription"],
  },
  "language-data": {
    fr: ["corpus", "données linguistiques", "linguistique", "tifinagh", "traitement automatique des langues", "darija", "amazighe"],
    ar: ["المدونات اللغوية", "مدونة لغوية", "البيانات اللغوية", "اللسانيات", "تيفيناغ", "المعالجة الآلية للغة", "الدارجة"],
    en: ["corpus", "corpora", "language data", "linguistics", "Tifinagh", "natural language processing", "NLP"],
  },
};
