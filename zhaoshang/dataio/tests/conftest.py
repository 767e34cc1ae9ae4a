import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads and generated files go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path
