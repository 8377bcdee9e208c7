import pytest
from mylib.validation import Model

class TestModel:
    @pytest.mark.parametrize("n", [2, 3])
    def test_param(self, n):
        Model().fit([1] * n, [1, 2])

@pytest.fixture
def broken():
    raise RuntimeError("fixture failed")

def test_setup(broken):
    pass

def load(path):
    try:
        return open(path).read()
    except FileNotFoundError as e:
        raise ValueError("cannot load " + path) from e

def test_chained():
    print("captured hello")
    load("/nonexistent/x.csv")

def test_msg():
    assert 1 == 2, "numbers differ"
