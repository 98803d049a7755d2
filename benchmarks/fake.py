"""Believable fake values for the benchmark library: names, titles, authors, ISBNs, barcodes.

Everything is drawn from a seeded ``random.Random`` so a generated library is reproducible.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.circulation.barcodes import with_check_digit  # noqa: E402

INSTITUTION = "0018"

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = "志明俊傑建宏家豪冠宇宗翰承恩柏翰淑芬美玲雅婷怡君欣怡佳蓉宜蓁思妤品妍子涵詠晴筱涵雅雯惠如曉芳"
EN_GIVEN = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Henry", "Iris", "Jack",
            "Kate", "Liam", "Mia", "Noah", "Olivia", "Paul", "Rose", "Sam", "Tina", "Victor"]
EN_FAMILY = ["Smith", "Lee", "Chen", "Wang", "Brown", "Garcia", "Müller", "Tanaka", "Kim", "Nguyen",
             "Martin", "Rossi", "Dubois", "Novak", "Silva", "Jones", "Taylor", "Wilson", "Sato", "Park"]
ZH_TOPICS = ["臺灣史", "民法總則", "刑法分則", "微積分", "線性代數", "資料結構", "演算法", "有機化學",
             "分子生物學", "社會學", "經濟學原理", "會計學", "管理學", "心理學", "哲學概論", "中國文學史",
             "宋詞", "紅樓夢", "三國演義", "臺灣文學", "環境工程", "土木工程", "電子學", "電磁學",
             "統計學", "護理學", "藥理學", "解剖學", "都市計畫", "建築史", "國際關係", "憲法"]
ZH_SUFFIXES = ["導論", "研究", "概論", "新論", "講義", "之探討", "精要", "原理與應用", "論文集", "入門"]
EN_TOPICS = ["Algorithms", "Organic Chemistry", "Microeconomics", "Constitutional Law", "Taiwan",
             "Machine Learning", "Statistics", "Cell Biology", "Urban Planning", "Philosophy",
             "Linear Algebra", "Psychology", "Nursing Practice", "Pharmacology", "Civil Engineering",
             "East Asian History", "Databases", "Signal Processing", "Marketing", "Ecology"]
EN_PREFIXES = ["Introduction to", "Principles of", "Handbook of", "Advances in", "Essentials of",
               "A History of", "Readings in", "Foundations of", "Topics in", "Studies in"]
PUBLISHERS = ["聯經", "五南", "三民", "遠流", "臺大出版中心", "元照", "Springer", "Wiley", "Elsevier",
              "Oxford University Press", "Cambridge University Press", "MIT Press", "Pearson"]
DEPARTMENTS = ["中文系", "歷史系", "法律系", "經濟系", "資工系", "電機系", "化學系", "生科系",
               "醫學系", "護理系", "土木系", "社會系", "心理系", "外文系", "管理學院"]


def item_barcode(serial: int) -> str:
    """A 14-digit item number: 3, the institution, an 8-digit serial and a Luhn check digit."""
    return with_check_digit(f"3{INSTITUTION}{serial:08d}")


def patron_barcode(serial: int) -> str:
    """A 14-digit patron card number: 2, the institution, an 8-digit serial, a check digit."""
    return with_check_digit(f"2{INSTITUTION}{serial:08d}")


def isbn13(rng: random.Random) -> str:
    body = "978" + "".join(str(rng.randrange(10)) for _ in range(9))
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def zh_name(rng: random.Random) -> str:
    start = rng.randrange(0, len(GIVEN) - 1, 2)
    return rng.choice(SURNAMES) + GIVEN[start:start + 2]


def en_name(rng: random.Random) -> str:
    return f"{rng.choice(EN_GIVEN)} {rng.choice(EN_FAMILY)}"


def patron_name(rng: random.Random) -> str:
    return zh_name(rng) if rng.random() < 0.9 else en_name(rng)


def title(rng: random.Random, foreign: bool) -> str:
    if foreign:
        text = f"{rng.choice(EN_PREFIXES)} {rng.choice(EN_TOPICS)}"
        if rng.random() < 0.4:
            text += f", {rng.randint(2, 12)}th ed."
        return text
    text = rng.choice(ZH_TOPICS) + rng.choice(ZH_SUFFIXES)
    if rng.random() < 0.3:
        text += f" 第{rng.randint(2, 9)}版"
    return text


def author(rng: random.Random, foreign: bool) -> str:
    return en_name(rng) if foreign else zh_name(rng)


def publisher(rng: random.Random) -> str:
    return rng.choice(PUBLISHERS)


def department(rng: random.Random) -> str:
    return rng.choice(DEPARTMENTS)


def call_number(rng: random.Random) -> str:
    return f"{rng.randint(1, 999):03d}.{rng.randint(1, 99)} {rng.choice('ABCDEFGHKLMNPRSTWZ')}{rng.randint(10, 999)}"
