"""Demo content for the Newsroom CMS.

Plain data used to seed a development database: sections, authors, published
stories, stories in other workflow states, corrections and curated top stories.
Apart from the first story, which retells the U.S. Secretary of State's April
2024 visit to Shanghai, all people, places and events are fictional.
"""

from datetime import date

# Sections, in display order.
SECTIONS = [
    {
        "name": "World",
        "slug": "world",
        "description": "International news, diplomacy and conflict from every region.",
    },
    {
        "name": "Politics",
        "slug": "politics",
        "description": (
            "Government, elections and policy, from city hall to the capital."
        ),
    },
    {
        "name": "Business",
        "slug": "business",
        "description": (
            "Markets, companies and the economic forces that shape household budgets."
        ),
    },
    {
        "name": "Science",
        "slug": "science",
        "description": (
            "Discoveries in space, health and the natural world, explained clearly."
        ),
    },
    {
        "name": "Culture",
        "slug": "culture",
        "description": "Film, music, books and the arts, with reviews and reporting.",
    },
    {
        "name": "Sports",
        "slug": "sports",
        "description": (
            "Results, analysis and stories from the pitch, the court and the track."
        ),
    },
]

# Bylines. `color` is the background colour for a generated portrait.
AUTHORS = [
    {
        "name": "Olga Nesterova",
        "slug": "olga-nesterova",
        "job_title": "Diplomatic Correspondent",
        "bio": (
            "Olga Nesterova covers foreign policy, summits and the quieter "
            "negotiations that happen between them. She previously reported from "
            "Vienna and Almaty and speaks Russian, German and Mandarin."
        ),
        "website": "https://example.com/olga",
        "social_handle": "@olganesterova",
        "color": "#2f5d8a",
    },
    {
        "name": "Marcus Adeyemi",
        "slug": "marcus-adeyemi",
        "job_title": "Political Editor",
        "bio": (
            "Marcus Adeyemi leads Newsroom's coverage of legislatures, campaigns and "
            "city hall. Before joining the politics desk, he spent six years as a "
            "statehouse reporter."
        ),
        "website": "https://example.com/marcus",
        "social_handle": "@marcusadeyemi",
        "color": "#8a3b2f",
    },
    {
        "name": "Priya Raman",
        "slug": "priya-raman",
        "job_title": "Business Reporter",
        "bio": (
            "Priya Raman writes about markets, housing and the companies reshaping how "
            "people work and shop. She joined Newsroom from a financial data service, "
            "where she covered central banks."
        ),
        "website": "https://example.com/priya",
        "social_handle": "@priyaraman",
        "color": "#2f7a5d",
    },
    {
        "name": "Tomás Herrera",
        "slug": "tomas-herrera",
        "job_title": "Science Writer",
        "bio": (
            "Tomás Herrera reports on space, medicine and the climate, with a focus on "
            "how research moves from the lab into daily life. He trained as a marine "
            "biologist before turning to journalism."
        ),
        "website": "https://example.com/tomas",
        "social_handle": "@tomasherrera",
        "color": "#6a4c93",
    },
    {
        "name": "Hannah Lindqvist",
        "slug": "hannah-lindqvist",
        "job_title": "Culture and Sports Editor",
        "bio": (
            "Hannah Lindqvist edits Newsroom's culture and sports pages and writes "
            "about film, music and the business of live events. She has covered three "
            "Olympic Games and a dozen film festivals."
        ),
        "website": "https://example.com/hannah",
        "social_handle": "@hannahlindqvist",
        "color": "#b5651d",
    },
    {
        "name": "Newsroom Wire",
        "slug": "newsroom-wire",
        "job_title": "Wire service",
        "bio": (
            "Newsroom Wire provides breaking news and briefs compiled by Newsroom "
            "editors from staff reporting and partner agencies. Wire stories are "
            "updated as events develop."
        ),
        "website": "",
        "social_handle": "",
        "color": "#555b66",
    },
]

# Published stories. `hours_ago` is the publication time relative to now.
STORIES = [
    {
        "headline": (
            "Blinken opens China visit in Shanghai with students, executives and local "
            "leaders"
        ),
        "slug": "blinken-opens-china-visit-in-shanghai",
        "dek": (
            "The U.S. Secretary of State spent his first day in China away from the "
            "capital, setting the tone for harder talks in Beijing on trade, fentanyl "
            "and exchanges between the two countries."
        ),
        "section": "world",
        "authors": ["olga-nesterova"],
        "tags": ["diplomacy", "china", "united-states"],
        "body": [
            (
                "Secretary of State Antony Blinken began a three-day visit to China in "
                "Shanghai, spending his first day meeting university students, "
                "American business leaders and the city's senior officials before "
                "traveling on to Beijing for talks with the country's top leadership. "
                "It was his second trip to China in less than a year, part of an "
                "effort by both governments to keep lines of communication open after "
                "a difficult stretch in relations."
            ),
            (
                "At a university campus in the city, Blinken spoke with students about "
                "studying abroad and the value of direct contact between Americans and "
                "Chinese. Washington has said it wants to see more American students "
                "in China and more Chinese students studying in the United States, and "
                "officials traveling with him described these people-to-people ties as "
                "a foundation that can outlast swings in government policy."
            ),
            (
                "In meetings with local officials and with U.S. companies operating in "
                "China, the conversation turned to trade. American firms have raised "
                "concerns about market access and unequal treatment, while Washington "
                "has warned that heavily subsidized Chinese industries, including "
                "electric vehicles and solar panels, are producing far more than "
                "domestic demand can absorb and pushing down prices abroad."
            ),
            (
                "The secretary was also expected to press officials in Beijing on the "
                "flow of chemicals used to make fentanyl, an issue on which the two "
                "countries agreed to cooperate late last year, as well as on China's "
                "support for Russia's defense industry. Both sides signaled that they "
                "hoped to build on the limited progress made since their leaders met "
                "in California in November."
            ),
        ],
        "photo": {
            "caption": "Photo posted by Secretary Blinken on X",
            "credit": "Secretary Antony J. Blinken / X",
            "alt": (
                "Secretary of State Antony Blinken greets people during his visit to "
                "Shanghai."
            ),
            "color": "#3b5b7a",
        },
        "citations": [
            {
                "publisher": "U.S. Department of State",
                "title": "Secretary Blinken's Travel to the People's Republic of China",
                "url": "https://www.state.gov/",
                "published_on": date(2024, 4, 25),
            },
        ],
        "hours_ago": 2,
    },
    {
        "headline": "Stoppage-time header sends Valdora into the continental cup final",
        "slug": "stoppage-time-header-sends-valdora-into-cup-final",
        "dek": (
            "Defender Rui Matos scored in the last minute of added time to settle a "
            "tense semifinal second leg and give the club its first major final in 19 "
            "years."
        ),
        "section": "sports",
        "authors": ["newsroom-wire"],
        "tags": ["football", "europe"],
        "body": [
            (
                "Valdora reached the final of the continental cup for the first time "
                "in 19 years after defender Rui Matos headed in a corner in the last "
                "minute of stoppage time, securing a 2-1 win over Kestrel Athletic and "
                "a 3-2 victory on aggregate. The home crowd, subdued after an "
                "equaliser midway through the second half, surged toward the pitch at "
                "the final whistle."
            ),
            (
                "Valdora had taken the lead early through a low shot from winger Dario "
                "Félix, but Kestrel responded after the break with a well-worked move "
                "finished by their captain. For long stretches the visitors looked the "
                "more likely side to score again, and Valdora's goalkeeper made two "
                "sharp saves in the closing ten minutes to keep the tie level."
            ),
            (
                '"I have never scored a goal like that and I probably never will '
                'again," Matos said afterward. "I just closed my eyes and attacked '
                "the ball.\" Valdora's coach, Ines Barros, praised her players' "
                "patience and said the club would enjoy the moment before turning its "
                "attention to a busy run of league fixtures."
            ),
            (
                "Valdora will face the winner of the other semifinal, which is "
                "scheduled to be played later this week. The final will be held at a "
                "neutral stadium next month. Kestrel Athletic, who were aiming for a "
                "second straight final, must now focus on securing a top-four finish "
                "in their domestic league."
            ),
        ],
        "photo": {
            "caption": "Rui Matos celebrates after scoring the winning goal.",
            "credit": "Newsroom Wire",
            "alt": (
                "A footballer in a green shirt slides on his knees across the grass "
                "with his arms raised as teammates run toward him."
            ),
            "color": "#2e7d32",
        },
        "citations": [],
        "hours_ago": 1,
    },
    {
        "headline": "U.S. retail sales edge up as shoppers focus on essentials",
        "slug": "us-retail-sales-edge-up-as-shoppers-focus-on-essentials",
        "dek": (
            "Spending at grocery stores and pharmacies rose last month while purchases "
            "of furniture and electronics slipped, a pattern economists read as "
            "caution rather than retreat."
        ),
        "section": "business",
        "authors": ["priya-raman"],
        "tags": ["economy", "united-states"],
        "body": [
            (
                "Retail sales in the United States rose 0.3 percent last month, "
                "according to government figures, a modest gain that was roughly in "
                "line with what economists had expected. The increase was driven by "
                "spending at grocery stores, pharmacies and gas stations, while sales "
                "of furniture, electronics and home improvement goods declined for a "
                "second straight month."
            ),
            (
                "Economists said the figures pointed to households that are still "
                'spending but becoming more selective. "People are not pulling back '
                "across the board. They are buying what they need and postponing the "
                'big-ticket items," said Martina Cole, chief economist at a '
                "Chicago-based research firm. Higher borrowing costs have made it more "
                "expensive to finance purchases like sofas and appliances."
            ),
            (
                "Retailers have given mixed signals ahead of the holiday season. "
                "Discount chains and warehouse clubs have reported steady traffic, "
                "while department stores have offered early promotions to clear "
                "inventory. Online sales continued to grow faster than sales at "
                "physical stores, accounting for a record share of total spending."
            ),
            (
                "Consumer spending makes up roughly two-thirds of the U.S. economy, so "
                "the figures are closely watched by policymakers weighing whether "
                "inflation has cooled enough to allow lower interest rates. Separate "
                "data released the same morning showed that wages grew slightly faster "
                "than prices over the past year, giving many workers a small gain in "
                "purchasing power."
            ),
        ],
        "photo": {
            "caption": "Shoppers browse the produce aisle at a supermarket.",
            "credit": "Newsroom photo / Dana Ruiz",
            "alt": (
                "Customers with shopping carts look over stacks of apples and oranges "
                "in a brightly lit grocery store."
            ),
            "color": "#6b8e23",
        },
        "citations": [],
        "hours_ago": 5,
    },
    {
        "headline": (
            "Port Ellery council approves zoning overhaul to allow apartments near "
            "transit"
        ),
        "slug": "port-ellery-council-approves-transit-zoning-overhaul",
        "dek": (
            "The 7-2 vote ends a year of debate and permits buildings of up to six "
            "storeys within a short walk of rail stations and major bus lines."
        ),
        "section": "politics",
        "authors": ["marcus-adeyemi"],
        "tags": ["housing", "transport"],
        "body": [
            (
                "The Port Ellery City Council voted 7-2 to approve the largest change "
                "to the city's zoning rules in more than forty years, allowing "
                "apartment buildings of up to six storeys on land within a ten-minute "
                "walk of rail stations and frequent bus routes. Much of that land is "
                "currently reserved for single-family homes. The meeting ran past "
                "midnight."
            ),
            (
                "Supporters argued that the change is the quickest way to ease a "
                "housing shortage that has pushed median rents up by nearly a third in "
                'five years. "Teachers, nurses and bus drivers should be able to live '
                'in the city they serve," said council member Daniel Okafor, who '
                'sponsored the measure. "This plan puts homes where people can get to '
                'work without a car."'
            ),
            (
                "Opponents, including several neighbourhood associations, warned that "
                "taller buildings would strain parking, schools and sewer lines, and "
                "that the plan gave residents too little say over projects on their "
                "streets. Council member Beth Harlan, who voted against it, said she "
                "supported more housing but wanted stronger requirements for "
                "affordable units and green space."
            ),
            (
                "The final version requires that one in ten new units in larger "
                "buildings be offered at below-market rents and sets aside funding for "
                "sidewalk and crossing improvements near stations. City planners "
                "expect the first applications under the new rules within months, "
                "though they cautioned that high construction costs could slow how "
                "quickly new buildings actually appear."
            ),
        ],
        "photo": {
            "caption": "Residents line up to speak before the council vote.",
            "credit": "Newsroom photo / Jonah Feld",
            "alt": (
                "A queue of people holding papers waits beside a microphone in a "
                "wood-panelled council chamber."
            ),
            "color": "#7b6d8d",
        },
        "citations": [
            {
                "publisher": "Port Ellery Planning Department",
                "title": "Transit-Oriented Zoning Amendment: Staff Report",
                "url": "https://example.org/port-ellery/transit-zoning-report",
                "published_on": date(2026, 11, 9),
            },
        ],
        "hours_ago": 8,
    },
    {
        "headline": "Robotic lunar lander clears final review ahead of launch",
        "slug": "robotic-lunar-lander-clears-final-review",
        "dek": (
            "The uncrewed spacecraft will attempt to touch down near the moon's south "
            "pole, where scientists hope to measure ice hidden in permanently shadowed "
            "craters."
        ),
        "section": "science",
        "authors": ["tomas-herrera"],
        "tags": ["space", "technology"],
        "body": [
            (
                "An uncrewed lunar lander has passed its final review before launch, "
                "clearing the way for an attempt to touch down near the moon's south "
                "pole early next year. Mission managers said the spacecraft completed "
                "its last round of vibration and thermal tests without major problems "
                "and will be shipped to the launch site in the coming weeks."
            ),
            (
                "The lander carries a drill and a small suite of instruments designed "
                "to measure water ice in the soil near the rim of a crater that never "
                "receives direct sunlight. Scientists believe such craters may hold "
                "frozen water delivered by comets and asteroids over billions of "
                "years, a resource that could one day supply drinking water or rocket "
                "fuel."
            ),
            (
                '"Landing anywhere on the moon is hard. Landing near the pole, with '
                'long shadows and rough ground, is harder," said Dr. Elena Marsh, the '
                "mission's lead scientist. The lander will use cameras and a laser "
                "rangefinder to pick a safe spot during its final descent, adjusting "
                "its path in real time if it detects boulders or steep slopes."
            ),
            (
                "Several recent lunar landing attempts by government agencies and "
                "private companies have ended in crashes or tipped-over spacecraft, "
                "underscoring the risks. If the landing succeeds, the mission is "
                "expected to operate for about ten Earth days before the lunar night, "
                "when temperatures plunge far below freezing and the solar-powered "
                "lander will shut down."
            ),
        ],
        "photo": {
            "caption": "Engineers prepare the lander for thermal testing.",
            "credit": "Newsroom photo / Samir Haddad",
            "alt": (
                "Technicians in white suits stand around a spacecraft wrapped in gold "
                "foil, with four landing legs, inside a test chamber."
            ),
            "color": "#c9a227",
        },
        "citations": [],
        "hours_ago": 12,
    },
    {
        "headline": "Quiet family drama opens winter film festival to warm reviews",
        "slug": "quiet-family-drama-opens-winter-film-festival",
        "dek": (
            "A restrained story about three sisters clearing out their late father's "
            "house set a reflective tone for a festival that has increasingly favoured "
            "small, personal films."
        ),
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["film", "europe"],
        "body": [
            (
                "A modest drama about three sisters sorting through their late "
                "father's belongings opened the Nordlys Winter Film Festival, drawing "
                "a long standing ovation at its premiere. Directed by first-time "
                "filmmaker Lena Sorensen, the film unfolds almost entirely inside a "
                "farmhouse on the Danish coast over a single weekend in early spring."
            ),
            (
                "Critics praised the film's patient pacing and the performances of its "
                "three leads, who improvised parts of the dialogue during rehearsals. "
                '"I wanted the audience to feel like a fourth sister, sitting at the '
                'kitchen table and hearing things she was not supposed to hear," '
                "Sorensen said at a press conference before the screening."
            ),
            (
                "The festival's programme this year includes more than 140 films from "
                "38 countries, with a noticeable tilt toward smaller productions. "
                "Festival director Henrik Aas said the selection reflected what "
                'filmmakers were submitting. "Budgets are tighter, so people are '
                "telling stories they can shoot in one house, with four actors and a "
                'lot of honesty," he said.'
            ),
            (
                "The festival runs for ten days and will close with the awarding of "
                "its main prize by an international jury. Several distributors were "
                "reported to be in talks to acquire the opening film for release in "
                "cinemas next spring, a rare early deal for a debut feature without "
                "well-known stars."
            ),
        ],
        "photo": {
            "caption": "The cast of the opening film arrives at the premiere.",
            "credit": "Newsroom photo / Lars Petersen",
            "alt": (
                "Three women in winter coats smile on a red carpet in front of a "
                "backdrop covered with festival logos."
            ),
            "color": "#7d3c98",
        },
        "citations": [],
        "hours_ago": 18,
    },
    {
        "headline": (
            "Seventeen-year-old qualifier reaches quarterfinals at indoor tennis "
            "tournament"
        ),
        "slug": "teen-qualifier-reaches-quarterfinals-indoor-tennis",
        "dek": (
            "Clara Vidal, ranked outside the top 200, beat the tournament's third seed "
            "in straight sets and has now won six matches in eight days."
        ),
        "section": "sports",
        "authors": ["hannah-lindqvist"],
        "tags": ["tennis", "europe"],
        "body": [
            (
                "Seventeen-year-old Clara Vidal continued her remarkable run at the "
                "Nordic Indoor Open, defeating the third seed 6-4, 7-5 to reach the "
                "quarterfinals. Vidal, who is ranked outside the top 200 and had to "
                "win three qualifying matches just to reach the main draw, has now won "
                "six matches in eight days."
            ),
            (
                "The left-hander unsettled her more experienced opponent with heavy "
                "topspin and a willingness to approach the net, winning 14 of 17 "
                "points when she came forward. She saved three break points while "
                "serving for the match, the last with a second serve that clipped the "
                'line. "My hands were shaking, so I just hit it as hard as I could," '
                "she said."
            ),
            (
                "Vidal trains at a national academy and is still completing her final "
                "year of secondary school, studying online between tournaments. Her "
                "coach, Marta Soler, said the team had planned a limited schedule this "
                'season to avoid burnout. "She is learning quickly, but we are not in '
                'a hurry," Soler said. "Her body is still growing."'
            ),
            (
                "The run will lift Vidal well inside the top 150 in next week's "
                "rankings and secure her entry into larger events early next year. She "
                "will next face a former top-ten player in a quarterfinal scheduled "
                "for the evening session, and tickets for the match sold out shortly "
                "after her win."
            ),
        ],
        "photo": {
            "caption": "Clara Vidal hits a forehand during her third-round win.",
            "credit": "Newsroom photo / Mei Tanaka",
            "alt": (
                "A young tennis player in a white outfit stretches to strike a "
                "forehand on a blue indoor hard court."
            ),
            "color": "#1e88e5",
        },
        "citations": [],
        "hours_ago": 24,
    },
    {
        "headline": (
            "East African neighbours sign deal to link power grids across three borders"
        ),
        "slug": "east-african-neighbours-sign-power-grid-deal",
        "dek": (
            "Energy ministers say the high-voltage line will let countries trade "
            "surplus hydropower and geothermal electricity, though financing for the "
            "final stretch is still being negotiated."
        ),
        "section": "world",
        "authors": ["olga-nesterova", "newsroom-wire"],
        "tags": ["africa", "energy", "diplomacy"],
        "body": [
            (
                "Energy ministers from three East African countries signed an "
                "agreement to build a shared high-voltage transmission line, a project "
                "officials said would let the region move electricity from where it is "
                "plentiful to where it is scarce. The line is planned to run roughly "
                "1,100 kilometres and connect existing national grids at four "
                "substations near the borders."
            ),
            (
                "Supporters say the link will help countries with large hydropower and "
                "geothermal capacity sell surplus power during the rainy season "
                "instead of letting it go unused, while neighbours facing shortages "
                'could reduce their reliance on diesel generators. "Electricity that '
                "we waste in one valley could be lighting classrooms on the other side "
                'of the border," said Grace Mutua, a senior adviser at the regional '
                "power pool."
            ),
            (
                "The agreement sets out how costs, tariffs and maintenance will be "
                "shared, but financing for the final section of the line has not been "
                "secured. Officials said talks were under way with two development "
                "banks and a group of private lenders, and that construction of the "
                "first segment could begin within eighteen months if the funding is "
                "confirmed."
            ),
            (
                "Analysts cautioned that similar projects in the region have been "
                "slowed by land disputes and by disagreements over who pays for "
                "upgrades to ageing national networks. Still, diplomats described the "
                "signing as a rare moment of practical cooperation at a time when "
                "trade and border issues have strained relations between some of the "
                "governments involved."
            ),
        ],
        "photo": {
            "caption": (
                "Transmission towers near a geothermal plant in the Rift Valley."
            ),
            "credit": "Newsroom photo / Amara Okoye",
            "alt": (
                "Steel electricity pylons stand in dry grassland, with steam rising "
                "from a power plant in the distance."
            ),
            "color": "#c28a3a",
        },
        "citations": [
            {
                "publisher": "Regional Power Pool Secretariat",
                "title": "Cross-Border Interconnector: Feasibility Summary",
                "url": "https://example.org/power-pool/interconnector-feasibility",
                "published_on": date(2026, 10, 29),
            },
        ],
        "hours_ago": 30,
    },
    {
        "headline": (
            "Chipmakers report strong demand for AI hardware as export rules tighten"
        ),
        "slug": "chipmakers-report-strong-demand-as-export-rules-tighten",
        "dek": (
            "Quarterly results from several major semiconductor firms beat forecasts, "
            "but executives warned that new limits on sales to China could weigh on "
            "revenue next year."
        ),
        "section": "business",
        "authors": ["priya-raman", "newsroom-wire", "olga-nesterova"],
        "tags": ["technology", "trade", "china"],
        "body": [
            (
                "Several of the world's largest semiconductor companies reported "
                "quarterly results that beat analysts' forecasts, powered by data "
                "centre operators racing to buy chips for artificial intelligence "
                "systems. Shares in the sector rose in early trading, extending a "
                "rally that has made chipmakers among the most valuable companies on "
                "global stock markets."
            ),
            (
                "Executives were more cautious about the outlook. Tighter export rules "
                "announced by Washington last month restrict sales of some advanced "
                "processors and manufacturing tools to Chinese customers, a market "
                "that accounted for as much as a fifth of revenue at some firms. "
                "Companies said they were still assessing which products would need "
                "licences."
            ),
            (
                "Beijing has criticised the restrictions as an attempt to hold back "
                "its technology industry and has responded with its own limits on "
                "exports of certain minerals used in chip production. Trade officials "
                "on both sides have said they remain open to talks, but analysts "
                "expect the dispute to shape investment decisions for years."
            ),
            (
                '"Demand is not the problem. The problem is that nobody knows exactly '
                'where the lines will be drawn six months from now," said Kevin Lau, '
                "a semiconductor analyst at a Hong Kong brokerage. Some companies are "
                "shifting assembly and testing to Southeast Asia and India to reduce "
                "their exposure to trade tensions."
            ),
        ],
        "photo": {
            "caption": "A technician inspects a silicon wafer in a clean room.",
            "credit": "Newsroom Wire",
            "alt": (
                "A worker in a white protective suit and mask holds a reflective "
                "circular wafer under yellow light."
            ),
            "color": "#b8a038",
        },
        "citations": [],
        "hours_ago": 44,
    },
    {
        "headline": (
            "Early voting in Marlow County runoff outpaces previous cycles, officials "
            "say"
        ),
        "slug": "early-voting-in-marlow-county-runoff-outpaces-past-cycles",
        "dek": (
            "More than 41,000 ballots were cast in the first five days of early voting "
            "for the runoff, which will decide an open county commission seat and a "
            "school bond measure."
        ),
        "section": "politics",
        "authors": ["marcus-adeyemi", "newsroom-wire"],
        "tags": ["elections", "united-states"],
        "body": [
            (
                "Voters in Marlow County cast more than 41,000 ballots during the "
                "first five days of early voting in a runoff election, according to "
                "figures released by the county elections office, well ahead of the "
                "pace set in the last two runoffs. The contest will decide an open "
                "seat on the county commission and a bond measure to pay for repairs "
                "at aging school buildings."
            ),
            (
                "Election officials credited the addition of four new early voting "
                "sites and longer weekend hours, which were introduced after "
                'complaints about lines in previous elections. "We heard from a lot '
                "of people who work shifts and simply could not get to the polls on a "
                "Tuesday,\" said Carla Jimenez, the county's elections administrator. "
                '"The extra hours are clearly being used."'
            ),
            (
                "Both commission candidates have spent the final stretch of the "
                "campaign knocking on doors in the county's fast-growing suburbs, "
                "where turnout has historically lagged. Campaign finance reports show "
                "that outside groups have spent more than $600,000 on mailers and "
                "digital advertising, an unusually large sum for a local race."
            ),
            (
                "Early voting continues through the end of the week, and polls will be "
                "open from 7 a.m. to 7 p.m. on election day. Officials reminded voters "
                "that mail ballots must be received, not just postmarked, by the close "
                "of polls, and encouraged anyone still holding one to use a secure "
                "drop box."
            ),
        ],
        "photo": {
            "caption": "Voters wait outside an early voting site at a public library.",
            "credit": "Newsroom photo / Dana Ruiz",
            "alt": (
                "A line of people in coats stands along a brick library wall beneath a "
                "sign reading Vote Here."
            ),
            "color": "#3d5a80",
        },
        "citations": [
            {
                "publisher": "Marlow County Elections Office",
                "title": "Runoff Election: Early Voting Turnout Report",
                "url": "https://example.org/marlow-county/early-voting-turnout",
                "published_on": date(2026, 11, 25),
            },
        ],
        "hours_ago": 50,
    },
    {
        "headline": (
            "Survey finds widespread coral bleaching after months of record ocean heat"
        ),
        "slug": "survey-finds-widespread-coral-bleaching",
        "dek": (
            "Divers documented bleaching on nearly two-thirds of the reefs they "
            "checked, though researchers said some sites showed early signs of "
            "recovery where waters had cooled."
        ),
        "section": "science",
        "authors": ["tomas-herrera"],
        "tags": ["climate", "oceans"],
        "body": [
            (
                "Marine scientists surveying reefs across a wide stretch of tropical "
                "ocean found signs of bleaching on nearly two-thirds of the sites they "
                "examined, following months of unusually warm water. Bleaching occurs "
                "when heat-stressed corals expel the algae that live in their tissues "
                "and provide most of their food, leaving the coral white and "
                "vulnerable to starvation."
            ),
            (
                "The survey team, made up of researchers from several universities and "
                "local conservation groups, completed more than 400 dives over ten "
                "weeks. They recorded the most severe damage in shallow lagoons, where "
                "water temperatures stayed above normal for the longest period. Some "
                "branching corals had already died and were covered with algae."
            ),
            (
                '"Bleaching is not a death sentence if the water cools quickly '
                'enough," said Dr. Kalani Akana, a reef ecologist who led part of the '
                'survey. "What worries us is how often it is happening now. Reefs '
                'need years to recover, and they are not getting them." Researchers '
                "noted that deeper reefs fared noticeably better, and some showed "
                "early recovery."
            ),
            (
                "The findings will be shared with fisheries and tourism agencies, "
                "which depend on healthy reefs for food and income. Scientists said "
                "reducing local pressures such as pollution and overfishing can "
                "improve the odds of recovery, but warned that the long-term future of "
                "many reefs depends on limiting further warming of the oceans."
            ),
        ],
        "photo": {
            "caption": "Bleached coral on a shallow reef during the survey.",
            "credit": "Newsroom photo / Mei Tanaka",
            "alt": (
                "Pale white branching coral in clear blue water, with a diver's fin "
                "visible at the edge of the frame."
            ),
            "color": "#3a9bd9",
        },
        "citations": [
            {
                "publisher": "Marine Heat Watch Consortium",
                "title": "Reef Condition Survey: Preliminary Findings",
                "url": "https://example.org/marine-heat-watch/reef-survey",
                "published_on": date(2026, 11, 24),
            },
        ],
        "hours_ago": 60,
    },
    {
        "headline": (
            "Youth orchestra programme expands to twelve schools as waiting list grows"
        ),
        "slug": "youth-orchestra-programme-expands-to-twelve-schools",
        "dek": (
            "The free after-school programme lends instruments and provides daily "
            "lessons, and organisers say demand has far outstripped the places "
            "available since it launched four years ago."
        ),
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["music", "education"],
        "body": [
            (
                "A free after-school orchestra programme that began with one primary "
                "school and a borrowed set of violins will expand to twelve schools in "
                "the new year, its organisers announced. The programme lends "
                "instruments to children, provides lessons five days a week and stages "
                "concerts for families, and it now has a waiting list of more than 600 "
                "pupils."
            ),
            (
                "The expansion was made possible by a grant from a local foundation "
                "and by donations of second-hand instruments from residents, "
                'including a cello that had spent thirty years in an attic. "Every '
                'instrument in a cupboard is a child who could be playing," said Maya '
                "Chen, the programme's founder and a former professional violist."
            ),
            (
                "Teachers at participating schools say the benefits go beyond music. "
                "Children learn to practise, to listen to one another and to perform "
                "in front of an audience, skills that carry over into the classroom. "
                "Attendance on orchestra days is noticeably higher, according to one "
                "head teacher, and several pupils have gone on to join regional youth "
                "ensembles."
            ),
            (
                "The programme will need to hire fifteen new music tutors to cover the "
                "additional schools and is holding auditions for teachers next month. "
                "Organisers said they were also looking for volunteers to repair and "
                "maintain instruments, and for local businesses willing to host small "
                "concerts during the spring term."
            ),
        ],
        "photo": {
            "caption": "Pupils rehearse in a school hall ahead of a winter concert.",
            "credit": "Newsroom photo / Amara Okoye",
            "alt": (
                "A group of children holding violins and cellos follow a conductor in "
                "a school gymnasium."
            ),
            "color": "#c0392b",
        },
        "citations": [],
        "hours_ago": 70,
    },
    {
        "headline": "European ministers back funding for new cross-border night trains",
        "slug": "europe-backs-funding-for-cross-border-night-trains",
        "dek": (
            "Transport ministers agreed to help pay for sleeper routes linking a dozen "
            "capitals, betting that travellers will trade short flights for overnight "
            "rail if tickets are affordable."
        ),
        "section": "world",
        "authors": ["newsroom-wire"],
        "tags": ["europe", "transport"],
        "body": [
            (
                "Transport ministers from across the European Union agreed to set "
                "aside money to launch new overnight rail routes, part of a wider push "
                "to shift short-haul travel from planes to trains. The plan would "
                "support as many as ten sleeper services linking a dozen capitals, "
                "with the first expected to run within two years if operators can "
                "secure enough carriages."
            ),
            (
                "Night trains have enjoyed a modest revival, but operators say the "
                "economics remain difficult. Sleeper carriages are expensive to build, "
                "track access charges vary widely between countries, and a single "
                "delay at one border can disrupt an entire journey. The new funding is "
                "meant to cover part of the cost of new carriages and to ease some of "
                "those charges in the first years."
            ),
            (
                '"People tell us they would happily take the train overnight, but '
                "only if the price is close to a budget flight and the train actually "
                'arrives on time," said Ines Vollmer, who heads a passenger rights '
                "group that campaigned for the measure. She said the real test would "
                "be whether national rail companies agree on shared timetables."
            ),
            (
                "Some ministers raised concerns about the cost at a time of tight "
                "public budgets, and the agreement leaves the choice of routes to a "
                "later tender. Airlines have argued that rail cannot replace flights "
                "on longer routes, while environmental groups called the plan a "
                "welcome step but far smaller than what is needed."
            ),
        ],
        "photo": {
            "caption": (
                "A sleeper train waits at a platform before an overnight departure."
            ),
            "credit": "Newsroom Wire",
            "alt": (
                "A dark blue passenger train with lit windows stands at a station "
                "platform at night."
            ),
            "color": "#1f3a5f",
        },
        "citations": [],
        "hours_ago": 75,
    },
    {
        "headline": (
            "Women's football league adds two clubs and signs its largest broadcast "
            "deal"
        ),
        "slug": "womens-football-league-adds-clubs-and-broadcast-deal",
        "dek": (
            "The four-year agreement will put every match on television or streaming "
            "for the first time and more than triples the league's annual media "
            "income, officials said."
        ),
        "section": "sports",
        "authors": ["newsroom-wire", "priya-raman"],
        "tags": ["football", "economy"],
        "body": [
            (
                "The national women's football league will expand from twelve to "
                "fourteen clubs next season and has signed a four-year broadcasting "
                "agreement that more than triples its annual media income, league "
                "officials announced. Under the deal, every match will be shown live "
                "on television or a streaming platform, with at least one game each "
                "weekend broadcast free to air."
            ),
            (
                "League chief executive Joanna Price said the money would be used to "
                "raise the minimum salary for players, improve medical support and "
                'help clubs invest in training facilities. "Three years ago, some of '
                "our players were working night shifts and training in the morning. "
                'That has to end if we want this league to compete with the best," '
                "she said."
            ),
            (
                "The two new clubs, selected from five applicants, were judged on "
                "their finances, stadiums and youth programmes. Attendance across the "
                "league rose by about 40 percent last season, helped by strong "
                "performances from the national team and by clubs scheduling more "
                "matches in their main stadiums rather than smaller training grounds."
            ),
            (
                "Sports business analysts said the deal reflected growing interest "
                "from advertisers seeking to reach younger and more diverse audiences. "
                "Some players welcomed the news but cautioned that many clubs still "
                "rely heavily on support from their men's teams, and called for rules "
                "ensuring that new revenue reaches the players and staff who need it "
                "most."
            ),
        ],
        "photo": {
            "caption": (
                "Fans celebrate a goal during a sold-out league match last season."
            ),
            "credit": "Newsroom photo / Amara Okoye",
            "alt": (
                "Supporters in purple scarves cheer with raised arms in a packed "
                "stadium stand."
            ),
            "color": "#6a1b9a",
        },
        "citations": [
            {
                "publisher": "National Women's Football League",
                "title": "League Announces Expansion and New Media Partnership",
                "url": "https://example.org/womens-league/expansion-media-deal",
                "published_on": date(2026, 11, 24),
            },
        ],
        "hours_ago": 85,
    },
    {
        "headline": (
            "Home builders report rising orders as mortgage rates ease from their peak"
        ),
        "slug": "home-builders-report-rising-orders-as-mortgage-rates-ease",
        "dek": (
            "New orders at large builders climbed for a third straight quarter, though "
            "executives said buyers remain sensitive to price and many still rely on "
            "incentives to close deals."
        ),
        "section": "business",
        "authors": ["priya-raman"],
        "tags": ["housing", "economy"],
        "body": [
            (
                "Large home builders reported a third consecutive quarter of rising "
                "orders, helped by mortgage rates that have drifted down from last "
                "year's highs and by a persistent shortage of existing homes for sale. "
                "Many owners who locked in low rates years ago remain reluctant to "
                "move, leaving newly built houses to meet much of the demand."
            ),
            (
                "Builders have leaned heavily on incentives to keep sales moving, "
                "including paying part of buyers' closing costs and offering to lower "
                'their mortgage rate for the first few years of the loan. "Buyers are '
                "out there, but they are doing the math on every dollar of their "
                'monthly payment," said Andre Whitfield, a sales director for a '
                "regional builder in the Southeast."
            ),
            (
                "Those incentives have squeezed profit margins, and several companies "
                "said they were building smaller homes with simpler finishes to keep "
                "prices within reach of first-time buyers. Land and labour costs "
                "remain high, and some builders said delays in local permitting were a "
                "bigger obstacle than interest rates."
            ),
            (
                "Housing economists said the data suggested the market was stabilising "
                "rather than booming. Construction of single-family homes is expected "
                "to rise modestly next year, but not by enough to close the gap "
                "between supply and demand that has pushed prices up in many regions "
                "over the past decade."
            ),
        ],
        "photo": {
            "caption": "Framing goes up on new homes at a suburban development.",
            "credit": "Newsroom photo / Samir Haddad",
            "alt": (
                "Wooden frames of two-storey houses stand on a cleared lot, with a "
                "crane and stacked lumber nearby."
            ),
            "color": "#a0522d",
        },
        "citations": [],
        "hours_ago": 96,
    },
    {
        "headline": (
            "Legislature passes budget that expands free school meals and delays road "
            "projects"
        ),
        "slug": "legislature-passes-budget-expanding-free-school-meals",
        "dek": (
            "The spending plan offers free breakfast and lunch to every public school "
            "student, paid for partly by postponing several highway projects and "
            "drawing on the state's reserves."
        ),
        "section": "politics",
        "authors": ["marcus-adeyemi"],
        "tags": ["education", "economy"],
        "body": [
            (
                "State lawmakers approved a two-year budget that will provide free "
                "breakfast and lunch to every public school student starting next "
                "fall, ending a system in which families had to apply and meet income "
                "limits. The plan passed the House by a comfortable margin and cleared "
                "the Senate by four votes after a debate that stretched over two days."
            ),
            (
                "Supporters said universal meals would remove the stigma some "
                "children feel when they receive free lunches and would cut paperwork "
                'for schools. "A hungry child cannot learn fractions," said '
                "Representative Lucia Moreno, who has pushed for the change for three "
                "sessions. School nutrition directors said the policy would also make "
                "it easier to plan menus and buy food in bulk."
            ),
            (
                "To cover the roughly $210 million annual cost, the budget delays "
                "construction on several highway expansion projects and draws on a "
                "portion of the state's reserve fund. Opponents in the Senate argued "
                "that the state should not dip into its savings for a new ongoing "
                "program, warning that a slowdown in tax revenue could force painful "
                "cuts later."
            ),
            (
                "The budget also raises pay for starting teachers, adds money for "
                "rural broadband and freezes tuition at public universities for one "
                "year. The governor is expected to sign it within days. Budget "
                "analysts noted that the state's economy remains solid but said "
                "revenue growth has slowed, which could make the next budget cycle "
                "more difficult."
            ),
        ],
        "photo": {
            "caption": (
                "Students collect lunch trays at an elementary school cafeteria."
            ),
            "credit": "Newsroom photo / Lars Petersen",
            "alt": (
                "Children carry trays with fruit, milk cartons and sandwiches past a "
                "cafeteria serving counter."
            ),
            "color": "#d08c3a",
        },
        "citations": [],
        "hours_ago": 110,
    },
    {
        "headline": (
            "Extra malaria vaccine dose improves protection for young children, trial "
            "finds"
        ),
        "slug": "extra-malaria-vaccine-dose-improves-protection-trial-finds",
        "dek": (
            "Children who received a booster just before the rainy season had fewer "
            "cases of malaria over two years, researchers reported, a result that "
            "could shape vaccination schedules."
        ),
        "section": "science",
        "authors": ["tomas-herrera", "newsroom-wire"],
        "tags": ["health", "africa", "research"],
        "body": [
            (
                "Giving young children an additional malaria vaccine dose timed to the "
                "start of the rainy season reduced cases of the disease by about a "
                "third compared with the standard schedule, according to results from "
                "a two-year trial in several West African countries. The findings were "
                "presented at a medical conference and are being prepared for "
                "publication."
            ),
            (
                "Malaria transmission in much of the region rises sharply when the "
                "rains arrive and mosquitoes multiply. Researchers wanted to see "
                "whether timing booster shots to that seasonal peak would extend the "
                "protection that current vaccines provide. The trial enrolled about "
                "4,800 children between the ages of five months and three years."
            ),
            (
                '"Mothers often tell us the worst months are the same every year, so '
                'it made sense to give the vaccine when it matters most," said Dr. '
                "Aissatou Diallo, one of the trial's principal investigators. Health "
                "workers also found that linking the shots to existing seasonal health "
                "campaigns helped more families return for the extra dose."
            ),
            (
                "Malaria still kills hundreds of thousands of people every year, most "
                "of them children under five in sub-Saharan Africa. Public health "
                "experts said the results were encouraging but noted that the approach "
                "would require reliable vaccine supplies and funding for additional "
                "clinic visits. Bed nets and preventive medicines will remain "
                "essential alongside vaccination."
            ),
        ],
        "photo": {
            "caption": "A health worker prepares a vaccine at a rural clinic.",
            "credit": "Newsroom Wire",
            "alt": (
                "A woman in a blue uniform draws liquid from a small vial into a "
                "syringe while a mother holds a toddler nearby."
            ),
            "color": "#2e8b57",
        },
        "citations": [],
        "hours_ago": 130,
    },
    {
        "headline": (
            "Pacific island leaders press wealthy nations to speed up climate finance"
        ),
        "slug": "pacific-island-leaders-press-for-climate-finance",
        "dek": (
            "At a regional summit, leaders said promised funds for sea walls, water "
            "supplies and relocation planning were arriving too slowly to keep pace "
            "with rising seas."
        ),
        "section": "world",
        "authors": ["olga-nesterova"],
        "tags": ["climate", "diplomacy", "oceans"],
        "body": [
            (
                "Leaders of Pacific island nations closed a regional summit with a "
                "joint statement urging wealthy countries to deliver climate funding "
                "faster and with fewer conditions attached. They said money already "
                "pledged for sea walls, drinking water systems and storm-resistant "
                "housing was taking years to arrive, while the damage from higher "
                "tides and stronger cyclones was mounting each season."
            ),
            (
                "Several delegations described villages where saltwater has crept "
                "into wells and taro gardens, forcing families to buy bottled water "
                'or move inland. "Our people are not waiting for a conference to tell '
                'them the ocean is rising. They see it at the door," said Salote '
                "Fifita, a minister from one of the smaller atoll states, speaking to "
                "reporters after the closing session."
            ),
            (
                "The statement called for a simpler application process for "
                "international climate funds, which island officials say require "
                "paperwork that small governments struggle to produce. It also asked "
                "that more support come as grants rather than loans, arguing that "
                "countries with tiny economies should not go further into debt to cope "
                "with a problem they did little to cause."
            ),
            (
                "Diplomats from donor countries attending as observers said they were "
                "working to streamline access and pointed to new projects approved "
                "this year. The leaders agreed to meet again in twelve months and to "
                "present a shared position at the next round of global climate "
                "negotiations, where island states have long carried influence beyond "
                "their size."
            ),
        ],
        "photo": {
            "caption": "Waves wash over a coastal road during a king tide.",
            "credit": "Newsroom photo / Mei Tanaka",
            "alt": (
                "Seawater floods a narrow road lined with palm trees next to a low "
                "concrete sea wall."
            ),
            "color": "#2a7f8f",
        },
        "citations": [
            {
                "publisher": "Pacific Regional Climate Office",
                "title": "Closing Statement of the Leaders' Summit",
                "url": "https://example.org/pacific-climate/leaders-statement",
                "published_on": date(2026, 11, 21),
            },
        ],
        "hours_ago": 140,
    },
    {
        "headline": "Hallberg Museum agrees to return 21 bronze sculptures to Nigeria",
        "slug": "hallberg-museum-agrees-to-return-bronzes-to-nigeria",
        "dek": (
            "The works were taken during a colonial-era military expedition. Under the "
            "agreement, some will remain on loan in Europe while a new museum is built "
            "to house them."
        ),
        "section": "culture",
        "authors": ["hannah-lindqvist", "olga-nesterova"],
        "tags": ["africa", "diplomacy", "art"],
        "body": [
            (
                "The Hallberg Museum has agreed to transfer ownership of 21 bronze "
                "sculptures and carved ivory pieces to Nigeria, ending years of "
                "negotiation over objects taken from the Kingdom of Benin during a "
                "British military expedition in 1897. The agreement was signed at a "
                "ceremony attended by museum trustees, Nigerian cultural officials and "
                "diplomats from both countries."
            ),
            (
                "Under the terms of the deal, nine of the works will be shipped to "
                "Nigeria next year, while the remaining pieces will stay on display in "
                "Europe on long-term loan until a new museum in Benin City is ready to "
                "receive them. The loan arrangement was proposed by the Nigerian side, "
                "officials said, to allow time for building and conservation work."
            ),
            (
                '"These are not simply beautiful objects. They are records of a '
                'history that was interrupted," said Adaeze Okonkwo, a curator with '
                "Nigeria's national museums commission, who spoke at the ceremony. The "
                "museum's director, Johan Pettersson, said the institution had a "
                "responsibility to confront how parts of its collection were acquired."
            ),
            (
                "The decision follows similar returns by museums in several European "
                "countries over the past decade, a trend that has prompted debate "
                "about how collections formed during the colonial era should be "
                "managed. Diplomats said the agreement also reflected warming cultural "
                "ties and could open the door to joint exhibitions and research "
                "partnerships."
            ),
        ],
        "photo": {
            "caption": (
                "A bronze head on display at the Hallberg Museum before the signing "
                "ceremony."
            ),
            "credit": "Newsroom photo / Amara Okoye",
            "alt": (
                "A dark bronze sculpture of a human head with a tall beaded collar "
                "sits inside a glass case in a dim gallery."
            ),
            "color": "#8b5a2b",
        },
        "citations": [],
        "hours_ago": 150,
    },
    {
        "headline": (
            "North Sea wind farm secures financing after developer renegotiates "
            "contracts"
        ),
        "slug": "north-sea-wind-farm-secures-financing",
        "dek": (
            "The project, which had stalled over rising costs, will go ahead after the "
            "developer reached new terms with turbine suppliers and brought in a group "
            "of pension funds."
        ),
        "section": "business",
        "authors": ["priya-raman"],
        "tags": ["energy", "climate", "europe"],
        "body": [
            (
                "A planned offshore wind farm in the North Sea has secured the "
                "financing it needs to begin construction, its developer said, after "
                "more than a year in which rising costs threatened to sink the "
                "project. The wind farm is designed to generate enough electricity for "
                "about 900,000 homes when it is completed later this decade."
            ),
            (
                "The developer said it had renegotiated contracts with turbine and "
                "cable suppliers and brought in a group of pension funds alongside its "
                "existing bank lenders. Like many offshore projects, it had been hit "
                "by higher interest rates and by the rising cost of steel and "
                "installation vessels, which made the power price it originally agreed "
                "to uneconomic."
            ),
            (
                '"A year ago, we honestly did not know whether this would get '
                'built," said Sofie Lund, the company\'s finance director. "The new '
                "agreements share the risks more fairly, and that is what investors "
                'needed to see." She declined to give the full cost of the project '
                "but said it was significantly higher than first estimated."
            ),
            (
                "Governments around the North Sea have set ambitious targets for "
                "offshore wind as they try to cut emissions and reduce dependence on "
                "imported fuel. Industry groups said the deal was an encouraging sign "
                "but warned that several other projects were still waiting on "
                "decisions and that supply chains for turbines and specialised ships "
                "remained stretched."
            ),
        ],
        "photo": {
            "caption": "Turbines at an existing offshore wind farm in the North Sea.",
            "credit": "Newsroom photo / Lars Petersen",
            "alt": (
                "Rows of white wind turbines rise from a grey sea under a cloudy sky."
            ),
            "color": "#607d8b",
        },
        "citations": [
            {
                "publisher": "Offshore Renewables Council",
                "title": "Quarterly Market Outlook: Offshore Wind",
                "url": "https://example.org/offshore-renewables/market-outlook",
                "published_on": date(2026, 10, 14),
            },
        ],
        "hours_ago": 170,
    },
    {
        "headline": (
            "Election regulators propose disclosure rules for AI-generated campaign ads"
        ),
        "slug": "regulators-propose-rules-for-ai-generated-campaign-ads",
        "dek": (
            "Political advertisements that use synthetic images, voices or video would "
            "need a clear label under the draft rules, which are open for public "
            "comment until mid-January."
        ),
        "section": "politics",
        "authors": ["marcus-adeyemi", "tomas-herrera"],
        "tags": ["elections", "technology"],
        "body": [
            (
                "The state's election commission proposed rules that would require "
                "political advertisements to carry a clear label when they include "
                "images, audio or video created or substantially altered by artificial "
                "intelligence. The draft would apply to candidates, parties and "
                "outside groups, and would cover television, radio, online video and "
                "automated phone calls."
            ),
            (
                "Commissioners said they were responding to a sharp rise in "
                "complaints about manipulated clips circulating during the last "
                "campaign, including a fabricated recording that appeared to show a "
                'candidate making offensive remarks. "Voters have a right to know '
                'when what they are seeing or hearing did not actually happen," said '
                "commission chair Ruth Abernathy."
            ),
            (
                "Under the proposal, labels would have to appear on screen for the "
                "full length of a video and be read aloud in audio ads. Groups that "
                "fail to comply could face fines of up to $25,000 per violation. The "
                "rules would not ban the technology, and commissioners noted that "
                "routine editing, such as adjusting colour or removing background "
                "noise, would be exempt."
            ),
            (
                "Civil liberties groups said they supported transparency but worried "
                "that vague wording could discourage satire and parody. Technology "
                "researchers pointed out that labels only work if ads are reported, "
                "and that much synthetic content spreads through personal accounts "
                "rather than paid placements. The public comment period runs until "
                "mid-January."
            ),
        ],
        "photo": {
            "caption": (
                "A campaign staff member reviews video footage in an editing suite."
            ),
            "credit": "Newsroom photo / Jonah Feld",
            "alt": (
                "A person sits at a desk with two monitors showing a video timeline "
                "and a close-up of a speaker at a podium."
            ),
            "color": "#4a4e69",
        },
        "citations": [
            {
                "publisher": "State Election Commission",
                "title": (
                    "Notice of Proposed Rulemaking: Synthetic Media in Political "
                    "Advertising"
                ),
                "url": "https://example.org/election-commission/synthetic-media",
                "published_on": date(2026, 11, 18),
            },
        ],
        "hours_ago": 190,
    },
    {
        "headline": (
            "Two-time major finalist Tomasz Wilk retires, citing recurring back injury"
        ),
        "slug": "two-time-major-finalist-announces-retirement",
        "dek": (
            "Wilk, 34, said his body could no longer handle the demands of the tour "
            "and that he plans to stay in the sport as a coach after several months of "
            "rest."
        ),
        "section": "sports",
        "authors": ["hannah-lindqvist"],
        "tags": ["tennis", "health"],
        "body": [
            (
                "Tomasz Wilk, the big-serving player who reached two major finals "
                "during a 15-year professional career, announced his retirement, "
                "saying a recurring back injury had made it impossible to train at the "
                "level the sport requires. The 34-year-old played only eight matches "
                "this season and had undergone two procedures in the past eighteen "
                "months."
            ),
            (
                '"I tried everything, every treatment, every rehab plan. Some '
                'mornings I could not tie my shoes," Wilk wrote in a statement posted '
                'to his social media accounts. "I always said I would stop when '
                "tennis stopped being fun. It stopped being fun a while ago, and now "
                'it has stopped being possible."'
            ),
            (
                "Wilk won eleven titles and rose as high as fifth in the world "
                "rankings. He was known for one of the fastest serves on the tour and "
                "for long battles in the late rounds of major tournaments, including a "
                "five-set final that lasted more than four hours. Fellow players "
                "praised his sportsmanship and his willingness to mentor younger "
                "players."
            ),
            (
                "Sports medicine specialists said back injuries have become "
                "increasingly common among tennis players, partly because of the "
                "physical demands of modern serving and a long, year-round calendar. "
                "Wilk said he would take several months to rest before beginning work "
                "as a coach, and that he hoped to help young players plan their "
                "schedules with more care."
            ),
        ],
        "photo": {
            "caption": "Tomasz Wilk serves during a match earlier in his career.",
            "credit": "Newsroom photo / Lars Petersen",
            "alt": (
                "A tall tennis player arches his back as he tosses the ball high to "
                "serve on a grass court."
            ),
            "color": "#388e3c",
        },
        "citations": [],
        "hours_ago": 200,
    },
    {
        "headline": (
            "Astronomers detect water vapour in the atmosphere of a temperate exoplanet"
        ),
        "slug": "astronomers-detect-water-vapour-on-temperate-exoplanet",
        "dek": (
            "The planet, about twice the size of Earth, orbits a small red star. "
            "Researchers cautioned that the finding says little about whether it could "
            "support life."
        ),
        "section": "science",
        "authors": ["tomas-herrera"],
        "tags": ["space", "research"],
        "body": [
            (
                "Astronomers using a space telescope have detected water vapour in the "
                "atmosphere of a planet roughly twice the size of Earth, orbiting a "
                "small red star about 120 light-years away. The planet receives a "
                "similar amount of energy from its star as Earth does from the sun, "
                "placing it in what scientists call the temperate zone."
            ),
            (
                "The team observed the planet as it passed in front of its star "
                "several times, measuring how starlight filtered through its "
                "atmosphere. Water molecules absorb particular wavelengths of "
                'infrared light, leaving a distinctive fingerprint. "The signal was '
                'there every time we looked," said Dr. Marco Bellini, an '
                "astrophysicist and co-author of the study."
            ),
            (
                "Researchers were careful to temper expectations. The planet may be a "
                "small version of Neptune, wrapped in a thick layer of hydrogen gas, "
                "rather than a rocky world with oceans. Red stars also produce "
                "frequent flares that can strip away atmospheres or make surfaces "
                "hostile, and it is not yet clear how the planet has fared."
            ),
            (
                "Further observations planned for next year will look for other "
                "molecules such as methane and carbon dioxide, which could help reveal "
                "what the planet is made of. Scientists said the result shows how much "
                "detail current telescopes can extract from faint signals, and it adds "
                "another target to a growing list of worlds worth studying closely."
            ),
        ],
        "photo": {
            "caption": "An artist's impression of the planet and its red host star.",
            "credit": "Newsroom illustration",
            "alt": (
                "Illustration of a blue-grey planet with wispy clouds in front of a "
                "glowing red star against a black background."
            ),
            "color": "#8b2e2e",
        },
        "citations": [
            {
                "publisher": "Journal of Planetary Atmospheres",
                "title": (
                    "Water Vapour Absorption in the Transmission Spectrum of a "
                    "Temperate Sub-Neptune"
                ),
                "url": "https://example.org/planetary-atmospheres/sub-neptune-water",
                "published_on": date(2026, 11, 12),
            },
        ],
        "hours_ago": 220,
    },
    {
        "headline": (
            "Independent cinemas bet on events and memberships as streaming reshapes "
            "film-going"
        ),
        "slug": "independent-cinemas-bet-on-events-and-memberships",
        "dek": (
            "Small theatres are hosting director talks, themed screenings and "
            "subscription plans to keep audiences coming back, while release windows "
            "for new films continue to shrink."
        ),
        "section": "culture",
        "authors": ["hannah-lindqvist", "priya-raman"],
        "tags": ["film", "technology", "economy"],
        "body": [
            (
                "Independent cinemas are turning to live events, membership schemes "
                "and carefully curated programmes to attract audiences as more films "
                "move quickly to streaming services. Several owners interviewed for "
                "this article said ticket sales for regular screenings remain below "
                "where they were a decade ago, but special events such as director "
                "discussions and anniversary screenings regularly sell out."
            ),
            (
                "The time between a film's cinema release and its arrival online has "
                'shortened considerably, sometimes to just a few weeks. "If people '
                "can watch it on the sofa next month, we have to give them a reason "
                'to come tonight," said Tom Gallagher, who runs a 120-seat cinema in '
                "a converted bank building. His monthly membership now has more than "
                "2,000 subscribers."
            ),
            (
                "Bars, cafés and comfortable seating have become standard for smaller "
                "venues, which earn a larger share of their income from food and drink "
                "than from tickets. Some cinemas have also begun renting their screens "
                "for video game tournaments, corporate events and private birthday "
                "parties to fill quiet weekday afternoons."
            ),
            (
                "Industry analysts said the picture is uneven. Cinemas in busy city "
                "neighbourhoods with strong local loyalty have largely recovered, "
                "while those in smaller towns face tougher conditions. Distributors "
                "say they value independent venues for launching smaller films, and "
                "some have begun offering longer exclusive runs to theatres that "
                "commit to promoting them."
            ),
        ],
        "photo": {
            "caption": (
                "Moviegoers wait in the lobby of an independent cinema before a "
                "sold-out screening."
            ),
            "credit": "Newsroom photo / Jonah Feld",
            "alt": (
                "People holding drinks stand beneath a vintage illuminated marquee "
                "board inside a crowded cinema lobby."
            ),
            "color": "#9c2a4b",
        },
        "citations": [],
        "hours_ago": 240,
    },
    {
        "headline": (
            "In Chile's salt flats, lithium boom brings jobs and worries about water"
        ),
        "slug": "chile-lithium-boom-brings-jobs-and-water-worries",
        "dek": (
            "Demand for battery metals has brought work and new roads to communities "
            "in the Atacama, but residents and herders are asking how much water the "
            "industry will leave behind."
        ),
        "section": "world",
        "authors": ["newsroom-wire"],
        "tags": ["energy", "trade"],
        "body": [
            (
                "Towns at the edge of northern Chile's salt flats are feeling the "
                "effects of the global race for lithium, a key ingredient in the "
                "batteries that power electric cars and store renewable energy. New "
                "roads, worker housing and a steady stream of trucks have arrived "
                "along with the mining companies, and local shops report their busiest "
                "years in decades."
            ),
            (
                "But extraction relies on pumping brine from beneath the salt flats "
                "and leaving it to evaporate in vast ponds, and residents worry about "
                'what that means for an already dry landscape. "We are not against '
                "the mines. We want to know that there will still be water for our "
                'animals in twenty years," said Rosa Cáceres, who raises llamas near '
                "one of the largest operations."
            ),
            (
                "Companies say newer techniques can return much of the brine "
                "underground and reduce the amount of fresh water they use. The "
                "national government has said it wants a larger share of lithium "
                "revenue to stay in the country and has encouraged partnerships "
                "between private firms and a state-owned company to develop new "
                "deposits."
            ),
            (
                "Buyers in Asia, Europe and North America are competing for long-term "
                "supply contracts, and trade officials say lithium has become a "
                "regular topic in negotiations over tariffs and investment. For people "
                "living near the salt flats, the debate is more immediate: whether the "
                "boom will leave lasting benefits once the trucks move on."
            ),
        ],
        "photo": {
            "caption": (
                "Evaporation ponds at a lithium operation in the Atacama Desert."
            ),
            "credit": "Newsroom photo / Samir Haddad",
            "alt": (
                "Rectangular turquoise and yellow ponds stretch across a white salt "
                "flat beneath brown mountains."
            ),
            "color": "#3fa7a0",
        },
        "citations": [],
        "hours_ago": 260,
    },
    {
        "headline": (
            "Regional airline orders electric planes for short island-hopping routes"
        ),
        "slug": "regional-airline-orders-electric-planes",
        "dek": (
            "The carrier plans to use the nine-seat aircraft on flights of under 45 "
            "minutes, though regulators have yet to certify the design for passenger "
            "service."
        ),
        "section": "business",
        "authors": ["priya-raman", "tomas-herrera"],
        "tags": ["transport", "technology", "climate"],
        "body": [
            (
                "A regional airline that connects a chain of coastal islands has "
                "placed an order for twelve battery-powered aircraft, which it plans "
                "to use on routes of less than 45 minutes. The nine-seat planes are "
                "being developed by a start-up that says they will be quieter and far "
                "cheaper to run than the ageing propeller aircraft the airline flies "
                "today."
            ),
            (
                "The order depends on the aircraft receiving certification from "
                "aviation regulators, a process that has taken longer than many "
                "electric aviation companies predicted. The manufacturer says it "
                "expects approval within three years, but engineers note that "
                "batteries remain heavy, limiting how far such planes can fly and how "
                "many passengers they can carry."
            ),
            (
                '"Our longest route is 30 minutes. That is exactly where this '
                "technology makes sense first,\" said Nora Eriksen, the airline's "
                "chief executive. She said electricity for charging would cost a "
                "fraction of what the airline spends on fuel, and that lower "
                "maintenance costs could help keep fares stable on routes that many "
                "island residents depend on."
            ),
            (
                "Aviation analysts said small airlines serving short routes are likely "
                "to be the earliest adopters of electric flight, while long-haul "
                "travel will depend on cleaner fuels for decades. The airline said it "
                "would install chargers at four airports and keep its existing fleet "
                "flying until the new planes are proven in service."
            ),
        ],
        "photo": {
            "caption": "A prototype electric aircraft during a test flight.",
            "credit": "Newsroom photo / Mei Tanaka",
            "alt": (
                "A small white propeller plane with a high wing flies low over a green "
                "coastline."
            ),
            "color": "#4f86c6",
        },
        "citations": [],
        "hours_ago": 290,
    },
    {
        "headline": (
            "European Parliament committee opens inquiry into winter energy price "
            "spikes"
        ),
        "slug": "eu-committee-opens-inquiry-into-energy-price-spikes",
        "dek": (
            "Lawmakers want to know why wholesale electricity prices jumped during a "
            "cold snap last winter and whether market rules allowed some traders to "
            "profit unfairly."
        ),
        "section": "politics",
        "authors": ["marcus-adeyemi", "priya-raman"],
        "tags": ["energy", "europe", "economy"],
        "body": [
            (
                "A European Parliament committee has opened an inquiry into the sharp "
                "rise in wholesale electricity prices during a cold spell last winter, "
                "when prices in several markets briefly climbed to more than five "
                "times their usual level. Lawmakers said they wanted to understand "
                "whether the spike reflected genuine shortages or weaknesses in how "
                "the market is run."
            ),
            (
                "The committee plans to hear from grid operators, national regulators, "
                "power producers and consumer groups over the coming months. Members "
                "from across the political spectrum said households and small "
                "businesses had been hit hard, with some bakeries and workshops "
                "reporting that they cut opening hours rather than pay the higher "
                "bills."
            ),
            (
                '"We need to know whether this was bad weather and bad luck, or '
                "whether the rules let a handful of players make a great deal of money "
                "at everyone else's expense,\" said Annika Brandt, the committee's "
                "rapporteur. Industry groups said the spike was caused by low wind "
                "output and unplanned outages at several plants, and warned against "
                "hasty changes."
            ),
            (
                "Economists said the inquiry could feed into a broader debate about "
                "how much storage and backup capacity Europe needs as it relies more "
                "on wind and solar power. The committee is expected to publish its "
                "findings before next winter, and several members have already "
                "suggested stricter reporting rules for energy traders."
            ),
        ],
        "photo": {
            "caption": (
                "Members of the committee during the opening hearing in Brussels."
            ),
            "credit": "Newsroom photo / Lars Petersen",
            "alt": (
                "Lawmakers seated at a curved desk with microphones and name cards in "
                "a modern hearing room."
            ),
            "color": "#5c677d",
        },
        "citations": [],
        "hours_ago": 320,
    },
    {
        "headline": "Hospitals test software that aims to spot sepsis hours earlier",
        "slug": "hospitals-test-software-to-spot-sepsis-earlier",
        "dek": (
            "Early results from a pilot at four hospitals suggest the tool can shorten "
            "the time to treatment, but doctors warn that too many false alarms could "
            "undermine trust in it."
        ),
        "section": "science",
        "authors": ["tomas-herrera", "priya-raman"],
        "tags": ["health", "technology", "research"],
        "body": [
            (
                "Four hospitals have begun testing software that scans patients' vital "
                "signs and lab results for early warning signs of sepsis, a "
                "life-threatening reaction to infection that can progress quickly if "
                "not treated. Early results shared by the hospitals suggest that "
                "patients flagged by the system received antibiotics about ninety "
                "minutes sooner than before the pilot began."
            ),
            (
                "Sepsis is a leading cause of death in hospitals, and every hour of "
                "delay in treatment raises the risk of organ failure. The software, "
                "developed by a health technology company, analyses changes in heart "
                "rate, temperature, blood pressure and white blood cell counts, and "
                "alerts nurses when a patient's pattern resembles those seen in "
                "earlier sepsis cases."
            ),
            (
                '"The tool does not make the diagnosis. It taps a nurse on the '
                'shoulder and says, take another look at this patient," said Dr. '
                "Yusuf Karim, an emergency physician overseeing the pilot at one "
                "hospital. Staff said the alerts had caught several patients whose "
                "symptoms were initially mild and easy to miss."
            ),
            (
                "Some doctors remain cautious. Earlier warning systems have been "
                "criticised for producing so many false alarms that staff learned to "
                "ignore them. The hospitals plan to publish a full analysis next year, "
                "including how often alerts turned out to be wrong, before deciding "
                "whether to use the software more widely."
            ),
        ],
        "photo": {
            "caption": "Nurses review patient data at a hospital monitoring station.",
            "credit": "Newsroom photo / Dana Ruiz",
            "alt": (
                "Two nurses in scrubs look at a computer screen displaying patient "
                "charts at a hospital nursing station."
            ),
            "color": "#4682b4",
        },
        "citations": [],
        "hours_ago": 350,
    },
    {
        "headline": (
            "Restored concert hall reopens with new acoustics and a commissioned mural"
        ),
        "slug": "restored-concert-hall-reopens-with-new-acoustics",
        "dek": (
            "After a three-year renovation, the 1920s hall has adjustable ceiling "
            "panels, better access for wheelchair users and a ceiling painting that "
            "took a local artist eight months to complete."
        ),
        "section": "culture",
        "authors": ["hannah-lindqvist"],
        "tags": ["music", "art"],
        "body": [
            (
                "The city's century-old concert hall reopened to the public after a "
                "three-year renovation that rebuilt its stage, replaced its seating "
                "and added adjustable panels above the audience to fine-tune the sound "
                "for different kinds of performance. The opening concert, featuring "
                "the resident orchestra and a community choir of 200 singers, sold out "
                "within an hour."
            ),
            (
                "Acoustic engineers spent months testing the space with recordings, "
                "balloons and starter pistols before the panels were installed. The "
                "panels can be raised for large symphonic works or lowered to make "
                'the room feel more intimate for chamber music and jazz. "The hall '
                'used to flatter some music and bury the rest," said acoustician Paul '
                'Devereux. "Now it can adapt."'
            ),
            (
                "Visitors also noticed the new ceiling mural, painted by artist Ife "
                "Adebayo over eight months on scaffolding high above the stalls. The "
                "work depicts musicians from the city's history, from dance-hall bands "
                "to church choirs, woven through a swirl of blue and gold. Adebayo "
                "said she interviewed dozens of residents about the music they grew up "
                "with."
            ),
            (
                "The renovation also added lifts, step-free seating areas and a "
                "hearing loop system. Hall managers said they plan to keep a share of "
                "tickets for every performance at a low fixed price and to open "
                "rehearsals to school groups. The project's final cost ran about "
                "fifteen percent over budget, which officials attributed to unexpected "
                "repairs to the roof."
            ),
        ],
        "photo": {
            "caption": (
                "The audience takes its seats beneath the new ceiling mural on opening "
                "night."
            ),
            "credit": "Newsroom photo / Samir Haddad",
            "alt": (
                "A packed concert hall with red seats and a brightly painted blue and "
                "gold ceiling above an orchestra on stage."
            ),
            "color": "#1c3f6e",
        },
        "citations": [],
        "hours_ago": 380,
    },
    {
        "headline": (
            "Port Ellery Marathon moves start two hours earlier after last year's heat"
        ),
        "slug": "port-ellery-marathon-moves-start-earlier-after-heat",
        "dek": (
            "Organisers will also add cooling stations and medical tents after dozens "
            "of runners were treated for heat illness during last year's race."
        ),
        "section": "sports",
        "authors": ["newsroom-wire"],
        "tags": ["climate", "health"],
        "body": [
            (
                "Organisers of the Port Ellery Marathon will move next year's start "
                "time two hours earlier, to 6 a.m., after unusually hot weather last "
                "year led to dozens of runners being treated for heat illness and the "
                "course being closed early for slower participants. The race, which "
                "attracts about 18,000 runners, is held each spring."
            ),
            (
                "Race director Simone Park said the decision followed a review of "
                "weather data showing that late-morning temperatures during race week "
                'have risen noticeably over the past two decades. "We want people to '
                "remember this race for the crowds and the finish line, not for the "
                'medical tent," she said. The route will remain the same.'
            ),
            (
                "The marathon will add six cooling stations with misting fans and ice, "
                "double the number of water points in the second half of the course "
                "and station additional medical staff near the finish. Runners will be "
                "able to follow real-time heat warnings through the race app, and "
                "organisers will have the authority to shorten the course if "
                "conditions become dangerous."
            ),
            (
                "Several major marathons around the world have made similar changes as "
                "heat waves become more frequent, and sports medicine experts say "
                "earlier starts are one of the most effective ways to reduce risk. "
                "Some runners have grumbled about the earlier wake-up call, but local "
                "running clubs said most members supported the decision."
            ),
        ],
        "photo": {
            "caption": "Runners pass a water station during last year's marathon.",
            "credit": "Newsroom photo / Jonah Feld",
            "alt": (
                "A crowd of runners in bright shirts reaches for paper cups held out "
                "by volunteers along a sunny street."
            ),
            "color": "#f39c12",
        },
        "citations": [],
        "hours_ago": 400,
    },
]

# A draft that has not been submitted for review.
DRAFT_STORY = {
    "headline": (
        "Negotiators close in on deal to protect whale feeding grounds in the South "
        "Atlantic"
    ),
    "slug": "negotiators-close-in-on-south-atlantic-marine-reserve",
    "dek": (
        "A proposed high-seas reserve would be among the first created under a new "
        "global framework, but countries with large fishing fleets are still arguing "
        "over where to draw its borders."
    ),
    "section": "world",
    "authors": ["olga-nesterova"],
    "tags": ["diplomacy", "oceans", "climate"],
    "body": [
        (
            "Diplomats from more than a dozen countries are close to agreeing on a "
            "protected area covering feeding grounds for whales and seabirds in "
            "international waters of the South Atlantic, according to three officials "
            "involved in the talks. The reserve would be among the first created under "
            "a new global framework for conserving marine life beyond national borders."
        ),
        (
            "The remaining disagreements centre on fishing. Several countries with "
            "large distant-water fleets want the boundaries drawn to exclude "
            "productive squid grounds, while scientists argue that the squid are a "
            "critical source of food for the animals the reserve is meant to protect. "
            '"Draw the line in the wrong place and you protect empty water," said '
            "marine biologist Ana Ferreira."
        ),
        (
            "Officials said a final round of talks is scheduled for early next year "
            "and that a compromise could involve seasonal closures rather than a "
            "permanent ban. Any agreement would still need to be approved by a meeting "
            "of the treaty's member states and backed by monitoring arrangements that "
            "can track vessels in remote waters."
        ),
    ],
    "photo": {
        "caption": "A humpback whale surfaces in the South Atlantic.",
        "credit": "Newsroom photo / Mei Tanaka",
        "alt": (
            "The dark back and curved fin of a whale break the surface of a choppy "
            "grey-blue sea."
        ),
        "color": "#34568b",
    },
    "citations": [],
}

# A story waiting for an editor's review.
IN_REVIEW_STORY = {
    "headline": (
        "Transit board weighs fare-free buses on Port Ellery's five busiest routes"
    ),
    "slug": "transit-board-weighs-fare-free-buses",
    "dek": (
        "A two-year trial would cost about $9 million a year in lost fares. Supporters "
        "say it would speed up boarding, while critics argue the money should buy more "
        "frequent service."
    ),
    "section": "politics",
    "authors": ["marcus-adeyemi"],
    "tags": ["transport", "economy"],
    "body": [
        (
            "The Port Ellery transit board will consider a proposal to eliminate fares "
            "on its five busiest bus routes for a two-year trial, a move supporters "
            "say would speed up boarding and help low-income riders. The routes carry "
            "about a third of the system's weekday passengers and pass through several "
            "neighbourhoods with the city's lowest rates of car ownership."
        ),
        (
            "Agency staff estimate the trial would cost about $9 million a year in "
            "lost fare revenue, which they propose covering with a mix of parking fees "
            'and a state transit grant. "Collecting cash fares on a crowded bus slows '
            'everyone down," said board member Aaron Whitaker. "We want to find out '
            'whether faster trips bring more people back to transit."'
        ),
        (
            "Critics on the board said the money would be better spent on running "
            "buses more often, noting that riders consistently rank frequency and "
            "reliability above price. The board is expected to hold a public hearing "
            "next month before voting on the proposal, and the trial could begin as "
            "early as the summer if it is approved."
        ),
    ],
    "photo": {
        "caption": "A bus pulls into a busy downtown stop during the evening rush.",
        "credit": "Newsroom photo / Jonah Feld",
        "alt": (
            "Commuters wait under a shelter as a red city bus approaches a stop on a "
            "wet street."
        ),
        "color": "#b03a2e",
    },
    "citations": [],
}

# Scheduled to go live `hours_ahead` hours from now.
SCHEDULED_STORY = {
    "headline": (
        "Explainer: the drifting ocean sensors behind your weather forecast, and why "
        "some are going dark"
    ),
    "slug": "explainer-ocean-sensors-behind-weather-forecasts",
    "dek": (
        "Thousands of robotic floats measure the temperature and saltiness of the "
        "seas. Scientists say gaps in funding are leaving parts of the ocean "
        "unwatched."
    ),
    "section": "science",
    "authors": ["tomas-herrera"],
    "tags": ["oceans", "climate", "research"],
    "body": [
        (
            "Thousands of floating sensors drift through the world's oceans, diving as "
            "deep as two kilometres and surfacing to transmit measurements of "
            "temperature and salinity by satellite. The data they collect feeds into "
            "weather forecasts, hurricane warnings and long-term climate records, yet "
            "most people have never heard of them."
        ),
        (
            "Each float lasts roughly five years before its batteries run out, and the "
            "network depends on countries steadily replacing them. Researchers say "
            "funding has not kept pace, and coverage in parts of the Southern Ocean "
            'and the Indian Ocean has thinned. "Gaps in the ocean become gaps in the '
            'forecast," said oceanographer Dr. Helen Ortiz.'
        ),
        (
            "Scientists are testing cheaper floats with longer-lasting batteries and "
            "sensors that measure oxygen and acidity as well as heat. Agencies meeting "
            "early next year are expected to discuss a shared funding plan, though no "
            "country has yet committed to filling the gaps left by recent budget cuts."
        ),
    ],
    "photo": {
        "caption": "A research float is lowered into the sea from a ship's deck.",
        "credit": "Newsroom photo / Samir Haddad",
        "alt": (
            "Two crew members in orange life jackets guide a tall yellow cylinder on a "
            "rope over the side of a ship."
        ),
        "color": "#f1c40f",
    },
    "citations": [],
    "hours_ahead": 20,
}

# A story that was published and later withdrawn.
WITHDRAWN_STORY = {
    "headline": (
        "Discount grocer Fenwick's in early talks to buy regional rival, sources say"
    ),
    "slug": "fenwicks-in-talks-to-acquire-regional-rival",
    "dek": (
        "A deal would create one of the largest grocery operators in the region and "
        "could draw scrutiny from competition regulators, according to people familiar "
        "with the discussions."
    ),
    "section": "business",
    "authors": ["priya-raman"],
    "tags": ["economy", "trade"],
    "body": [
        (
            "Fenwick's, the discount grocery chain with more than 300 stores, is in "
            "early talks to acquire a smaller regional rival, according to two people "
            "familiar with the discussions who were not authorised to speak publicly. "
            "A deal would create one of the largest grocery operators in the region "
            "and could draw scrutiny from competition regulators."
        ),
        (
            "The people cautioned that the talks were at a preliminary stage and might "
            "not lead to an agreement. Both companies have faced rising labour and "
            "transport costs and growing competition from online delivery services and "
            "warehouse clubs, pressures that have pushed several mid-sized grocers to "
            "look for partners."
        ),
        (
            "A spokesperson for Fenwick's declined to comment on what the company "
            "described as market speculation. The regional chain did not respond to "
            "requests for comment. Analysts said any combined company would likely "
            "need to sell some stores in towns where the two chains compete directly "
            "in order to win approval."
        ),
    ],
    "photo": {
        "caption": "Shoppers outside a Fenwick's store.",
        "credit": "Newsroom photo / Dana Ruiz",
        "alt": (
            "A supermarket storefront with a green sign and a row of shopping carts in "
            "the car park."
        ),
        "color": "#27ae60",
    },
    "citations": [],
}

# Corrections and updates appended to published stories.
CORRECTIONS = [
    {
        "story": "us-retail-sales-edge-up-as-shoppers-focus-on-essentials",
        "kind": "correction",
        "text": (
            "An earlier version of this story misstated the monthly change in retail "
            "sales. Sales rose 0.3 percent, not 0.5 percent."
        ),
    },
    {
        "story": "early-voting-in-marlow-county-runoff-outpaces-past-cycles",
        "kind": "update",
        "text": (
            "This story has been updated with the latest turnout figures released by "
            "the Marlow County Elections Office."
        ),
    },
]

# Curated Top Stories, in order.
TOP_STORY_SLUGS = [
    "blinken-opens-china-visit-in-shanghai",
    "port-ellery-council-approves-transit-zoning-overhaul",
    "chipmakers-report-strong-demand-as-export-rules-tighten",
]
