# Seed 000's quality tables, transcribed (data/published/000-quality.csv),
# and what halodb says of the seed's claims
# (../shared/seeds/000_1cef05ec07c53e0d.txt).
#
# Two rows repeat a row of another table (the qwen3.6 no-think Polyglot
# scores appear in the cross-host table and the Polyglot table): kept once.
$ halodb ingest fixtures/../../data/published/000-quality.csv
> fixtures/../../data/published/000-quality.csv: 83 rows, 2 already in the store (published)
> ingested 1 file (83 rows, 2 already in the store)
#
# "The qwen3.6 Polyglot row shows a 6.7pp cross-host gap (53.8% Strix Halo
# vs 47.1% A30), which is larger than I'd expect from pure sampling
# noise."  halodb disagrees: 121/225 against 106/225 is within noise
# (two-proportion z = 1.414, p = 0.157; the difference's 95% interval
# -2.6 to +15.7 pp holds 0; at 225 exercises a gap under about 13.1 pp
# cannot be told from noise at 80% power).  The qwen2.5-coder and
# qwen3-30b-a3b rows agree within noise, as the seed says.
$ halodb query quality --benchmark aider-polyglot --a strix-halo --b a30 --format csv
> id,host,model,quant,kv,benchmark,metric,variant,partial,n_items,n_pass,score,pass_rate,pass_lo,pass_hi,compared_with,reference,other_n,other_rate,diff,diff_lo,diff_hi,test,n_shared_items,p,min_detectable,verdict,differs,a_unchosen,b_unchosen,note
> 7,strix-halo,qwen2.5-coder-32b,Q4_K_M,,aider-polyglot,pass_rate_2,,0,225,25,0.111,0.111111111111111,0.0764015240621393,0.158876904497788,8,,225,0.111111111111111,0.0,-0.0590451221606731,0.0590451221606731,two-proportion,,1.0,0.0964133952806555,within noise,backend Vulkan vs CUDA,0,0,
> 13,strix-halo,qwen3-30b-a3b-2507,Q4_K_M,,aider-polyglot,pass_rate_2,,0,225,68,0.302,0.302222222222222,0.245951653898444,0.36513280405489,14,,225,0.288888888888889,0.0133333333333334,-0.0706723963454263,0.097085247979642,two-proportion,,0.756609606147825,0.125802399431834,within noise,backend Vulkan vs CUDA,0,0,
> 12,strix-halo,qwen3-coder-next,Q4_K_M,,aider-polyglot,pass_rate_2,,0,225,107,0.476,0.475555555555556,0.411260595028489,0.540671191909564,18,,,,,,,none,,,,,backend Vulkan vs CUDA,0,0,
> 9,strix-halo,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,no-think,0,225,121,0.538,0.537777777777778,0.47254421666297,0.601743021705494,10,,225,0.471111111111111,0.0666666666666667,-0.025535522800408,0.157286329760934,two-proportion,,0.157282807417812,0.131365167922433,within noise,backend Vulkan vs CUDA,2,0,
#
# "qwen3.6-thinking ... scores 62.2% on the Aider Polyglot benchmark,
# sitting right between Claude Sonnet 4 thinking (61.3%) and Claude 3.7
# Sonnet thinking (64.9%)": within noise of both (p = 0.85 and 0.56;
# references match by variant: thinking with thinking).
$ halodb query quality --benchmark aider-polyglot --model qwen3.6 --reference claude-sonnet-4 --format csv
> id,host,model,quant,kv,benchmark,metric,variant,partial,n_items,n_pass,score,pass_rate,pass_lo,pass_hi,compared_with,reference,other_n,other_rate,diff,diff_lo,diff_hi,test,n_shared_items,p,min_detectable,verdict,differs,a_unchosen,b_unchosen,note
> 11,strix-halo,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,thinking,0,225,140,0.622,0.622222222222222,0.557320830004389,0.683020235305349,,claude-sonnet-4,225,0.613,0.00922222222222224,-0.0803314534702572,0.0979104870073711,two-proportion,,0.846159126516776,0.131119656811049,within noise,,,1,
> 17,strix-halo,qwen3.6,Q8_0,,aider-polyglot,pass_rate_2,no-think,0,225,128,0.569,0.568888888888889,0.503558410600139,0.631906553483531,,claude-sonnet-4,225,0.564,0.00488888888888894,-0.0864308653959522,0.0952161370536995,two-proportion,,0.924211332215107,0.131721768468942,within noise,,,1,
> 9,strix-halo,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,no-think,0,225,121,0.538,0.537777777777778,0.47254421666297,0.601743021705494,,claude-sonnet-4,225,0.564,-0.0262222222222221,-0.117472327508216,0.0647654204741095,two-proportion,,0.569583963944858,0.131721768468942,within noise,,,1,
> 10,a30,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,no-think,0,225,106,0.471,0.471111111111111,0.406920995761578,0.536271116074302,,claude-sonnet-4,225,0.564,-0.0928888888888889,-0.183392322078142,-0.00106145042749203,two-proportion,,0.047574267617282,0.131721768468942,b better,,,1,
$ halodb query quality --benchmark aider-polyglot --model qwen3.6 --reference claude-3.7-sonnet --format csv
> id,host,model,quant,kv,benchmark,metric,variant,partial,n_items,n_pass,score,pass_rate,pass_lo,pass_hi,compared_with,reference,other_n,other_rate,diff,diff_lo,diff_hi,test,n_shared_items,p,min_detectable,verdict,differs,a_unchosen,b_unchosen,note
> 11,strix-halo,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,thinking,0,225,140,0.622,0.622222222222222,0.557320830004389,0.683020235305349,,claude-3.7-sonnet,225,0.649,-0.0267777777777778,-0.114642892144494,0.0618928600426105,two-proportion,,0.556736513653726,0.129851788430375,within noise,,,1,
> 17,strix-halo,qwen3.6,Q8_0,,aider-polyglot,pass_rate_2,no-think,0,225,128,0.569,0.568888888888889,0.503558410600139,0.631906553483531,,claude-3.7-sonnet,225,0.604,-0.0351111111111111,-0.125363723130526,0.0550707361299814,two-proportion,,0.443771759654825,0.131325473121332,within noise,,,1,
> 9,strix-halo,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,no-think,0,225,121,0.538,0.537777777777778,0.47254421666297,0.601743021705494,,claude-3.7-sonnet,225,0.604,-0.0662222222222222,-0.156404356994958,0.0246210714170508,two-proportion,,0.153079831472907,0.131325473121332,within noise,,,1,
> 10,a30,qwen3.6,Q4_K_M,,aider-polyglot,pass_rate_2,no-think,0,225,106,0.471,0.471111111111111,0.406920995761578,0.536271116074302,,claude-3.7-sonnet,225,0.604,-0.132888888888889,-0.222315390391616,-0.041204483668789,two-proportion,,0.00456059659498976,0.131325473121332,b better,,,1,
