import pytest

from rozwoj.surveys import conditions

SECTIONS = [
    {
        "condition": {},
        "questions": [
            {"code": "q1", "condition": {}},
            {"code": "q2", "condition": {"question": "q1", "op": "equals", "value": "other"}},
            {"code": "q3", "condition": {"question": "q2", "op": "between", "min": 1, "max": 3}},
        ],
    },
    {
        "condition": {
            "any": [
                {"question": "q1", "op": "includes", "value": ["a", "b"]},
                {"question": "q4", "op": "equals", "value": True},
            ]
        },
        "questions": [{"code": "q5", "condition": {}}],
    },
]


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({}, {}, True),
        ({"question": "q1", "op": "equals", "value": "x"}, {"q1": "x"}, True),
        ({"question": "q1", "op": "equals", "value": "x"}, {"q1": "y"}, False),
        ({"question": "q1", "op": "equals", "value": "x"}, {}, False),
        ({"question": "q1", "op": "equals", "value": 3}, {"q1": 3}, True),
        ({"question": "q1", "op": "equals", "value": False}, {"q1": False}, True),
        ({"question": "q1", "op": "includes", "value": ["a"]}, {"q1": ["b", "a"]}, True),
        ({"question": "q1", "op": "includes", "value": ["a"]}, {"q1": ["b"]}, False),
        ({"question": "q1", "op": "includes", "value": ["a", "c"]}, {"q1": "c"}, True),
        ({"question": "q1", "op": "between", "min": 2, "max": 4}, {"q1": 4}, True),
        ({"question": "q1", "op": "between", "min": 2, "max": 4}, {"q1": 5}, False),
        ({"question": "q1", "op": "between", "min": "2030-01-01", "max": None}, {"q1": "2030-02-01"}, True),
        ({"question": "q1", "op": "between", "min": 1}, {"q1": "2030-02-01"}, False),
        (
            {
                "all": [
                    {"question": "q1", "op": "equals", "value": 1},
                    {"question": "q2", "op": "equals", "value": 2},
                ]
            },
            {"q1": 1, "q2": 3},
            False,
        ),
        (
            {
                "any": [
                    {"question": "q1", "op": "equals", "value": 1},
                    {"question": "q2", "op": "equals", "value": 2},
                ]
            },
            {"q1": 1, "q2": 3},
            True,
        ),
    ],
)
def test_evaluate(condition, answers, expected):
    assert conditions.evaluate(condition, answers) is expected


def test_a_hidden_answer_does_not_count_for_later_conditions():
    # q2 answered 2 but hidden (q1 is not "other"): q3 depends on q2 and stays hidden.
    assert conditions.visible_codes(SECTIONS, {"q1": "a", "q2": 2}) == {"q1", "q5"}
    assert conditions.visible_codes(SECTIONS, {"q1": "other", "q2": 2}) == {"q1", "q2", "q3"}
    assert conditions.visible_codes(SECTIONS, {"q1": "other", "q2": 9}) == {"q1", "q2"}


def test_validate_refuses_later_questions_and_unknown_operators():
    assert conditions.validate({"question": "q9", "op": "equals", "value": 1}, ["q1"])
    assert conditions.validate({"question": "q1", "op": "like", "value": 1}, ["q1"])
    assert conditions.validate({"all": []}, ["q1"])
    assert conditions.validate({"any": [{"question": "q1", "op": "between", "min": 1}]}, ["q1"]) == []
