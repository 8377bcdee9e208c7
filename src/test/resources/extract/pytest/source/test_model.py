from mylib.validation import Model

def test_fit():
    model = Model()
    model.fit([1, 2, 3], [1, 2])

def test_assert():
    assert sum([1, 2]) == 4
