from .builder import QuestionForm, QuestionnaireForm, SectionForm, WaveForm
from .distribution import DistributionForm

__all__ = ["DistributionForm", "QuestionForm", "QuestionnaireForm", "SectionForm", "WaveForm"]
