"""One deterministic generator for the demo and the benchmarks (`opensend generate`).

DESIGN "Data and scale": the same code makes the demo's two local authorities and the large-LA
and England-sample benchmark data, so the demo always shows what the benchmarks measure. Each
later capability extends it with its own data.

  names     common first names and surnames of many origins; place names
  dates     academic years, year groups from ages, term dates and closure days
  scales    what each scale makes: LAs, schools by kind and size, calibrated register rates
  register  a pupil's dated SEN provision history and ranked needs (DfE shapes, census rules)
  pupils    a school's pupils: names, UPNs, dates, families
  interventions  each school's provision map: interventions, staff, hours and costs
  support_plans  support plans in review cycles, outcomes carried over, provision, reviews
  support_texts  the words of those plans, by need and age
  ehc_cases      EHC needs assessment cases at every stage, on time and late, with advice,
                 exceptions and letters
  write     bulk inserts in batches, with an audit row per generated child
  run       one run: personas, plan, idempotency, one transaction

Only `write` and `run` touch Django; the rest is plain Python on a seeded random.Random, so
this package imports nothing itself: callers import `generate` from `.run`.
"""
