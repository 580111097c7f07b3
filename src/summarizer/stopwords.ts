/** Common English function words: they carry no topic, so rankers ignore them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against ago all almost also although always am among an and another any anyone
  anything are around as at away back be became because become been before being below between both but by
  came can cannot could did do does doing done down during each either else enough even ever every few for
  from further get gets getting go goes going gone got had has have having he her here hers herself him
  himself his how however i if in into is it its itself just last least less let like made make many may me
  might more most much must my myself near neither never new next no nor not now of off often on once one only
  onto or other others otherwise our ours ourselves out over own per perhaps put quite rather really said
  same say says see seen several shall she should since so some something still such take than that the their
  theirs them themselves then there these they this those though through thus to too toward towards under
  until up upon us use used very via was way we well were what whatever when where whether which while who
  whom whose why will with within without would yet you your yours yourself yourselves s t d ll m re ve n
  don didn doesn isn wasn weren won wouldn couldn shouldn hasn haven hadn aren ain mr mrs ms also told tell
  year years time times two three first people`.split(/\s+/).filter((word) => word !== ''),
);
