"""A full-size, realistic but made-up questionnaire, catalog and five cities for report tests.

Shaped like the real data (14 national areas, 70 questions, ~110 measures, five cities with
evidence), so the report's tests neither wait for nor depend on the data being written.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from dxcheck.core.model import (
    Answer,
    Area,
    Assessment,
    BenchmarkCity,
    BenchmarkEntry,
    CityEvidence,
    CityMeasure,
    Cost,
    Evidence,
    Horizon,
    Kpi,
    Measure,
    MunicipalityInfo,
    Quantity,
    Question,
    Questionnaire,
    Raise,
    Status,
)
from tests.samples import quantity_answer

AREAS = (
    ("governance", "組織体制の整備・計画的な取組", "推進体制", 2),
    ("talent", "デジタル人材の確保・育成", "推進体制", 2),
    ("frontyard", "自治体フロントヤード改革の推進", "重点取組事項", 1),
    ("standardization", "自治体の情報システムの標準化・共通化", "重点取組事項", 1),
    ("eltax", "公金収納におけるeLTAX（eL-QR）の活用", "重点取組事項", 1),
    ("mynumber", "マイナンバーカードの普及促進・利用の推進", "重点取組事項", 1),
    ("security", "セキュリティ対策の徹底", "重点取組事項", 1),
    ("ai-rpa", "自治体のAI・RPAの利用推進（生成AIを含む）", "重点取組事項", 1),
    ("telework", "テレワークの推進", "重点取組事項", 1),
    ("community", "地域社会のデジタル化", "あわせて取り組む事項", 3),
    ("divide", "デジタルデバイド対策", "あわせて取り組む事項", 3),
    (
        "analog-regulation",
        "デジタル原則に基づく条例等の規制の点検・見直し（アナログ規制）",
        "あわせて取り組む事項",
        3,
    ),
    ("bpr", "BPRの取組の徹底", "その他", 3),
    ("opendata", "オープンデータの推進・官民データ活用", "その他", 3),
)
CITIES = (
    ("ureshino", "嬉野市", "佐賀県", "412091", "000_35b79cb4f6b694b1.txt"),
    ("kamiamakusa", "上天草市", "熊本県", "432121", "001_b24fcf2489e4fb28.txt"),
    ("katagami", "潟上市", "秋田県", "052116", "002_475beb3917432e62.txt"),
    ("minamishimabara", "南島原市", "長崎県", "422142", "003_485e1f087151bfe3.txt"),
    ("ichikikushikino", "いちき串木野市", "鹿児島県", "462195", "004_48c9834ba4a74cd0.txt"),
)
TOPICS = (
    "推進本部の設置と進捗管理",
    "オンライン申請の拡充",
    "書かない窓口の導入",
    "電子決裁とペーパーレス化",
    "職員向けDX研修",
    "生成AIの業務利用",
    "庁内無線LANとモバイル端末",
    "スマホ教室と相談窓口",
    "キャッシュレス決済の導入",
    "オープンデータの公開",
)
DEPARTMENTS = ("総務課", "企画政策課", "市民課", "税務課", "情報政策課", "財政課", "人事課")
LEVEL_TEXT = (
    "取り組んでいない",
    "導入や実施を検討している",
    "一部の課や業務で試行している",
    "全庁で実施している",
    "効果を測定し、改善を続けている",
    "他団体の模範となり、横展開している",
)


def questionnaire(seed: int = 7) -> Questionnaire:
    rnd = random.Random(seed)
    areas = tuple(
        Area(
            id=aid,
            name=name,
            category=cat,
            priority=prio,
            description=f"{name}について、国の計画が求める取組の進み具合をみます。"
            "先行5市の計画に載っている取組と同じ物差しで比べます。",
        )
        for aid, name, cat, prio in AREAS
    )
    questions: list[Question] = []
    for aid, _name, _cat, _prio in AREAS:
        for j in range(5):
            topic = TOPICS[(len(questions) + j) % len(TOPICS)]
            quantity = None
            if j == 0 and aid == "frontyard":
                quantity = Quantity(
                    label="オンラインで完結できる手続の数",
                    unit="手続",
                    thresholds=(1, 30, 100, 200, 300),
                )
            questions.append(
                Question(
                    id=f"{aid}.q{j + 1}",
                    area=aid,
                    text=f"{topic}について、庁内でどこまで進んでいますか（{aid} の問{j + 1}）。",
                    help="担当課の資料や、庁内の取組一覧で確認してください。",
                    weight=rnd.choice((1.0, 1.0, 1.5, 0.5)),
                    levels=tuple(f"{topic}を{t}" for t in LEVEL_TEXT),  # type: ignore[arg-type]
                    quantity=quantity,
                    evidence=(Evidence(seed=CITIES[0][4], locator="取組一覧", quote=topic),),
                )
            )
    measures: list[Measure] = []
    for aid, _name, _cat, _prio in AREAS:
        qids = [q.id for q in questions if q.area == aid]
        for k in range(8):
            raised = rnd.sample(qids, rnd.choice((1, 1, 2)))
            doers = rnd.sample(CITIES, rnd.choice((1, 1, 2, 3)))
            measures.append(
                Measure(
                    id=f"{aid}.m{k + 1}",
                    title=f"{TOPICS[(k + len(measures)) % len(TOPICS)]}（{aid}・取組{k + 1}）",
                    description="先行市が計画で進めている取組です。担当課を決め、対象業務を洗い出してから段階的に広げます。",
                    area=aid,
                    raises=tuple(Raise(question=q, to_level=rnd.randint(2, 5)) for q in raised),
                    cost=rnd.choice(list(Cost)),
                    effort_note=rnd.choice(("", "国の交付金の対象になり得る。")),
                    horizon=rnd.choice(list(Horizon)),
                    departments=tuple(rnd.sample(DEPARTMENTS, 2)),
                    cities=tuple(
                        CityMeasure(
                            city=c[0],
                            status=rnd.choice(list(Status)),
                            schedule=rnd.choice(("", "R5 検討 → R6 試行 → R7 本格実施")),
                            department=rnd.choice(DEPARTMENTS),
                            seed=c[4],
                            locator="5 取組項目 ③ 窓口業務の改善",
                            quote="来庁せずオンラインで完了する手続きの充実",
                            kpis=(
                                Kpi(
                                    name="オンライン申請対応数",
                                    unit="手続",
                                    baseline=30,
                                    baseline_when="令和5年度末",
                                    target=200,
                                    target_when="令和8年度末",
                                ),
                            )
                            if rnd.random() < 0.5
                            else (),
                        )
                        for c in doers
                    ),
                )
            )
    return Questionnaire(
        id="jichitai-dx",
        version="4.0.0",
        title="自治体DXセルフチェック",
        national_plan="自治体DX推進計画",
        national_plan_version="第4.0版（令和7年3月）",
        areas=areas,
        questions=tuple(questions),
        measures=tuple(measures),
    )


def cities(q: Questionnaire, seed: int = 11) -> tuple[BenchmarkCity, ...]:
    rnd = random.Random(seed)
    out = []
    for cid, name, pref, code, seed_file in CITIES:
        entries: dict[str, BenchmarkEntry] = {}
        for question in q.questions:
            if rnd.random() < 0.35:
                entries[question.id] = BenchmarkEntry(current="unknown")
                continue
            current = rnd.randint(0, 4)
            planned = min(5, current + rnd.randint(0, 2))
            entries[question.id] = BenchmarkEntry(
                current=current,
                planned=planned if planned > current else None,
                planned_by="令和8年度末" if planned > current else "",
                rationale="計画の取組一覧に、実施済みとして記載がある。",
                evidence=(
                    CityEvidence(kind="current", locator="6 個別の取組事項", quote="実施済み"),
                    *(
                        (CityEvidence(kind="planned", locator="KPI", quote="目標値"),)
                        if planned > current
                        else ()
                    ),
                ),
            )
        out.append(
            BenchmarkCity(
                id=cid,
                name=name,
                prefecture=pref,
                code=code,
                plan_title=f"{name}DX推進計画",
                plan_period="令和6〜8年度",
                as_of=dt.date(2024, 3, 1),
                seed=seed_file,
                questions=entries,
            )
        )
    return tuple(out)


NOTES = (
    "",
    "",
    "令和6年度に担当課で試行を始めた。全庁展開は予算次第。",
    "情報政策係（2名）が兼務で担当。詳細は総務課に確認が必要。",
    "住民課・税務課では実施済み。福祉部門は未着手。",
)


PROFILE = MunicipalityInfo(population=18500, staff=185)


def answers(
    q: Questionnaire, seed: int = 3, *, name: str = "美郷町", note: str | None = None
) -> Assessment:
    """A fully answered file with varied levels, a few わからない and notes."""
    rnd = random.Random(seed)
    table: dict[str, Answer] = {}
    for question in q.questions:
        n = note if note is not None else rnd.choice(NOTES)
        if rnd.random() < 0.06:
            table[question.id] = Answer(unknown=True, note=n)
        elif question.quantity is not None:
            # a figure on the question's own size-fair scale (questionnaire 4.1: shares need a
            # denominator, counts are whole numbers)
            level = rnd.choice((1, 2, 3, 2))
            figure = quantity_answer(question.quantity, level, PROFILE, rnd)
            table[question.id] = figure.model_copy(update={"level": None, "note": n})
        else:
            table[question.id] = Answer(level=rnd.choice((0, 1, 1, 2, 2, 3, 3, 4)), note=n)
    data: dict[str, Any] = {
        "questionnaire": q.id,
        "questionnaire_version": q.version,
        "municipality": {
            "name": name,
            "code": "054348",
            "prefecture": "秋田県",
            "population": PROFILE.population,
            "staff": PROFILE.staff,
        },
        "meta": {
            "respondent": "山田 太郎",
            "department": "総務課 情報政策係",
            "assessed_on": dt.date(2026, 11, 21),
        },
    }
    a = Assessment.model_validate(data)
    a.answers = table
    return a
