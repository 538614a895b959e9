"""The fixed word lists seed_bench writes its newsroom from, and the prose
made of them."""

from bench.bulk import zipf_cum_weights


def words(text, sep=None):
    """A word list written as one string (easier to read and extend)."""
    return text.split(sep)


FUNCTION_WORDS = words(
    "the of and to in a on for that with was said is by at as from it has be "
    "have will its are were an after which their more but this not they who "
    "over had been would than about also into while when where could some "
    "other most before during since under between against"
)

CONTENT_WORDS = words(
    "government minister president city council police court report market "
    "health school budget state officials people year week country water "
    "energy prices workers company plan public federal national local police "
    "vote law bill tax housing transport hospital union trade deal talks "
    "policy leaders party opposition campaign voters district mayor governor "
    "senate congress parliament judge trial investigation agency program "
    "funding crisis security border migrants climate storm flood fire "
    "drought heat season team game coach players league championship "
    "stadium fans museum festival film music theater artist book author "
    "science research study university students teachers parents children "
    "doctors patients vaccine virus disease treatment data technology "
    "software internet platform network bank interest inflation economy "
    "growth jobs industry factory farmers harvest food restaurant travel "
    "airport flights railway highway bridge project construction street "
    "neighborhood residents community church history anniversary memorial "
    "veterans military army defense war peace treaty summit embassy "
    "sanctions protest strike rally march demonstrators arrest charges "
    "prosecutors lawyers ruling appeal verdict sentence prison reform "
    "commission committee hearing testimony witness statement spokesman "
    "spokeswoman director chief executive board shareholders profits losses "
    "revenue quarter forecast analysts investors stocks shares bonds "
    "currency exports imports tariffs supply shortage demand consumers "
    "retail sales online digital privacy cyber attack hackers satellite "
    "space mission launch rocket ocean coast island river mountain forest "
    "wildlife species conservation pollution emissions electricity solar "
    "wind nuclear coal gas oil pipeline refinery region province capital "
    "village town county election ballot turnout candidate debate poll "
    "results coalition cabinet resignation scandal inquiry audit"
)
CONTENT_WORDS = list(dict.fromkeys(CONTENT_WORDS))

SYLLABLES = words(
    "ka lo mi ter ran sel vo dun pri gal tes ni bor quel fa zin mor lu cet "
    "har po len da rik su mav tor bel ce nod ul fen gri sa pe tam vin os"
)

FIRST_NAMES = words(
    "Ana Ben Carla David Elena Farid Grace Hugo Ines James Kira Leo Maya Nadia "
    "Omar Paula Quinn Rosa Samuel Tara Umar Vera Will Ximena Yusuf Zoe Aaron "
    "Bianca Chen Dana Emil Fatima Gabriel Hana Ivan Julia Kwame Lina Marco "
    "Nora Oscar Priya Rafael Sofia Tomas Uma Victor Wendy Yara Zeke"
)
LAST_NAMES = words(
    "Adams Baker Costa Diaz Evans Fischer Garcia Hughes Ito Jensen Khan Lopez "
    "Moreau Novak Okafor Park Quint Rossi Sato Tanaka Usman Vargas Weber Xu "
    "Young Zhang Ahmed Brooks Cruz Dubois Ellis Ferreira Gomez Haddad Ivanova "
    "Jones Kim Larsen Murphy Nguyen Olsen Patel Reyes Silva Torres Ueda Volkov "
    "Walsh Yilmaz Ziegler"
)
JOB_TITLES = [
    "Staff writer",
    "Reporter",
    "Correspondent",
    "Senior editor",
    "Photographer",
    "Columnist",
    "Data reporter",
    "Wire service",
]
SECTION_NAMES = words(
    "World, Politics, Business, Technology, Science, Health, Sports, Culture, "
    "Opinion, Climate, Education, Local, National, Economy, Travel, Food, Books, "
    "Arts, Media, Law, Energy, Transport, Housing, Weather, Obituaries, Religion, "
    "Defense, Immigration, Labor, Markets, Personal Finance, Real Estate, Style, "
    "Music, Film, Television, Theater, Games, Autos, Agriculture, Environment, "
    "Space, Elections, Crime, Courts, Cities, Africa, Asia, Europe, Americas",
    sep=", ",
)
PUBLISHERS = [
    "U.S. Department of State",
    "World Health Organization",
    "Associated Press",
    "Reuters",
    "City Council",
    "Bureau of Labor Statistics",
    "European Commission",
    "National Weather Service",
]
COLORS = ["#2f6690", "#3a7ca5", "#81c3d7", "#d9a441", "#b5523b", "#5b8e7d"]

#: Distinct sentences the stories are made of.
SENTENCE_POOL = 40_000


class Prose:
    """Sentences, headlines and bodies from the word lists above, drawn by
    `rng` (the same seed, the same text)."""

    def __init__(self, rng):
        """Real words first, then made-up ones, drawn on a Zipf curve."""
        self.rng = rng
        rng = self.rng
        made_up = set()
        known = set(FUNCTION_WORDS) | set(CONTENT_WORDS)
        while len(made_up) < 4_000:
            word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
            if word not in known:
                made_up.add(word)
        self.words = [*FUNCTION_WORDS, *CONTENT_WORDS, *sorted(made_up)]
        weights = zipf_cum_weights(len(self.words), 1.0)
        self.sentences = [self.sentence(weights) for _ in range(SENTENCE_POOL)]

    def sentence(self, weights):
        rng = self.rng
        chosen = rng.choices(self.words, cum_weights=weights, k=rng.randint(7, 16))
        if len(chosen) > 9:
            chosen[rng.randint(3, len(chosen) - 4)] += ","
        text = " ".join(chosen)
        return text[0].upper() + text[1:] + "."

    def headline_words(self):
        return self.rng.sample(CONTENT_WORDS, self.rng.randint(5, 9))

    def body(self):
        rng = self.rng
        paragraphs = (
            " ".join(rng.choices(self.sentences, k=rng.randint(3, 5)))
            for _ in range(rng.randint(3, 6))
        )
        return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
