"""Word lists the demo library makes its patron names and book titles from."""

from __future__ import annotations

SURNAMES = ("陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁"
            "趙顏柯翁魏孫戴范方宋鄧杜傅侯曹薛丁卓阮馬董温唐藍石蔣古紀姚連馮歐程湯黃田康姜白汪鄒尤巫"
            "鐘黎涂龔嚴韓袁金童陸夏柳凃邵錢伍倪溫于譚駱熊任甘秦顧毛章史官萬俞雷粘饒張")
# Shares of the ten commonest surnames in Taiwan (percent of the population, Ministry of the
# Interior); every other surname of the list shares the rest equally.
COMMON_SURNAMES = {"陳": 11.1, "林": 8.3, "黃": 6.0, "張": 5.3, "李": 5.1, "王": 4.1, "吳": 4.0,
                   "劉": 3.2, "蔡": 2.9, "楊": 2.7}
GIVEN_CHARS = ("志明俊傑建宏家豪冠宇宗翰承恩柏翰彥廷宇軒品睿子睿哲瑋博文信宏偉誠淑芬美玲雅婷怡君佳穎"
               "欣怡詩涵宜蓁思妤語彤芷若雨潔靜宜惠如佩珊郁婷筱涵亭妤心怡庭瑋靖雯婉婷乃文冠廷宥辰"
               "祐丞秉宏登輝國華淑惠秀英麗華志豪振宇耀德書豪曉薇凱婷瑞祥嘉欣品妍韋伶紹恩")
ENGLISH_FIRST = ("James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
                 "David", "Elizabeth", "Daniel", "Sarah", "Thomas", "Emily", "Kevin", "Grace",
                 "Lukas", "Anna", "Hiroshi", "Yuki", "Minh", "Thi Lan", "Arjun", "Priya",
                 "Carlos", "Sofia", "Pierre", "Camille", "Jonas", "Eva", "Nguyen", "Siti")
ENGLISH_LAST = ("Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Taylor",
                "Anderson", "Thomas", "Moore", "Martin", "Schmidt", "Müller", "Tanaka", "Suzuki",
                "Nguyen", "Tran", "Kumar", "Sharma", "García", "Rossi", "Dubois", "Lefebvre",
                "Novak", "Kim", "Park", "Santos", "Hassan", "O'Brien", "Fischer", "Watanabe")

DEPARTMENTS = ("中國文學系", "外國語文學系", "歷史學系", "哲學系", "數學系", "物理學系", "化學系",
               "生命科學系", "資訊工程學系", "電機工程學系", "機械工程學系", "土木工程學系",
               "經濟學系", "社會學系", "政治學系", "心理學系", "法律學系", "財務金融學系",
               "會計學系", "國際企業學系", "醫學系", "護理學系", "公共衛生學系", "教育學系",
               "圖書資訊學系", "新聞研究所", "地理環境資源學系", "人類學系")
STAFF_UNITS = ("總務處", "教務處", "學生事務處", "研究發展處", "圖書館", "計算機及資訊網路中心",
               "人事室", "主計室", "國際事務處")
PARTNER_LIBRARIES = ("國立臺灣師範大學", "國立臺北科技大學", "國立政治大學", "國立陽明交通大學",
                     "國立臺北藝術大學", "淡江大學", "輔仁大學", "東吳大學")

# Chinese titles: a pattern with {s} (subject) and sometimes {t} (topic), per library location.
ZH_SUBJECTS = {
    "MAIN": ("臺灣史", "中國文學", "現代詩", "資料結構", "機器學習", "線性代數", "微積分", "有機化學",
             "量子力學", "分子生物學", "演算法", "作業系統", "藝術史", "西洋哲學", "宋代詞學",
             "日治時期文學", "海洋生態", "氣候變遷", "資訊安全", "人工智慧", "統計學", "電磁學",
             "神經科學", "博物館學", "圖書館學", "紅樓夢", "唐詩", "明清小說", "建築設計"),
    "SOC": ("社會學", "人類學", "政治經濟學", "公共行政", "社會福利", "人口學", "都市研究", "媒體研究",
            "性別研究", "原住民族研究", "勞動研究", "選舉研究", "兩岸關係", "國際關係", "總體經濟學",
            "個體經濟學", "計量經濟學", "教育社會學", "社會心理學", "質性研究方法"),
    "LAW": ("民法總則", "債法各論", "物權法", "刑法總則", "刑事訴訟法", "憲法", "行政法", "公司法",
            "票據法", "保險法", "智慧財產權法", "勞動法", "國際公法", "國際私法", "民事訴訟法",
            "著作權法", "環境法", "稅法", "家事事件法", "少年事件處理法"),
}
ZH_PATTERNS = ("{s}導論", "{s}概論", "{s}新論", "{s}研究", "{s}的理論與實務", "{s}十講", "現代{s}",
               "{s}：{t}", "{s}入門", "圖解{s}", "{s}專題研究", "{s}案例解析", "{s}講義",
               "{s}與{t}", "當代{s}思潮", "{s}史綱", "{s}（修訂{n}版）", "{s}百年回顧")
ZH_TOPICS = ("臺灣經驗", "理論與方法", "東亞觀點", "一個跨領域的考察", "全球化的挑戰", "案例與評析",
             "歷史與記憶", "問題與對策", "從戰後到當代", "比較研究", "制度與變遷", "實證分析")
ZH_PUBLISHERS = ("聯經出版", "遠流出版", "五南圖書", "三民書局", "元照出版", "商務印書館", "時報文化",
                 "允晨文化", "臺大出版中心", "政大出版社", "巨流圖書", "新學林", "麥田出版", "衛城出版",
                 "春山出版", "左岸文化", "天下文化", "秀威資訊")

EN_SUBJECTS = {
    "MAIN": ("Data Structures", "Machine Learning", "Linear Algebra", "Organic Chemistry",
             "Quantum Mechanics", "Molecular Biology", "Algorithms", "Operating Systems",
             "Art History", "Modern Philosophy", "Climate Science", "Computer Networks",
             "Statistical Inference", "Neuroscience", "Number Theory", "Cryptography",
             "Digital Humanities", "Chinese Poetry", "Taiwan Studies", "Marine Ecology"),
    "SOC": ("Sociology", "Anthropology", "Political Economy", "Public Policy", "Demography",
            "Urban Studies", "Media Studies", "Gender Studies", "International Relations",
            "Econometrics", "Social Psychology", "Labor History", "Migration", "Qualitative Research"),
    "LAW": ("Contract Law", "Constitutional Law", "Criminal Procedure", "International Law",
            "Intellectual Property", "Administrative Law", "Comparative Law", "Human Rights Law",
            "Corporate Governance", "Legal Philosophy", "Environmental Law", "Tax Law"),
}
EN_PATTERNS = ("An Introduction to {s}", "{s}: A Very Short Introduction", "Principles of {s}",
               "Foundations of {s}", "{s} in Practice", "The Oxford Handbook of {s}",
               "Rethinking {s}", "{s}: Theory and Evidence", "Advanced {s}", "{s} and {t}",
               "A History of {s}", "Essentials of {s}", "{s}, {n}th Edition",
               "The Cambridge Companion to {s}", "Readings in {s}", "{s} in East Asia")
EN_TOPICS = ("Society", "the State", "Modern Taiwan", "Global Change", "Its Discontents",
             "Everyday Life", "the Digital Age", "Development", "Memory", "Methods")
EN_PUBLISHERS = ("Oxford University Press", "Cambridge University Press", "Routledge", "Springer",
                 "MIT Press", "Princeton University Press", "Wiley", "Elsevier", "Penguin",
                 "University of Chicago Press", "Columbia University Press", "O'Reilly Media")
ACCESSORIES = ("附光碟1片", "附 DVD 1 片", "1 CD-ROM", "附地圖1張", "附USB隨身碟1個", "2 CD-ROMs")
