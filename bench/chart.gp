# Ballot throughput and acknowledgement latency per second (scripts/bench).
# Call with: gnuplot -e "datafile='…'; outfile='…'; title='…'" bench/chart.gp
set terminal pngcairo size 1200,800 font "sans,11" noenhanced
set output outfile
set multiplot layout 2,1 title title
set grid
set key top right
set xlabel "seconds since the first round opened"
set ylabel "ballots acknowledged per second"
set style fill solid 0.6 noborder
plot datafile index 0 using 1:2:($6*0.9) with boxes lc rgb "#1f77b4" title "steady (random moment in the window)", \
     datafile index 1 using 1:2:($6*0.9) with boxes lc rgb "#d62728" title "burst (everyone at once)"
set ylabel "acknowledgement latency (ms)"
set logscale y
set key top left
plot datafile index 0 using 1:3 with linespoints pt 7 ps 0.5 lc rgb "#1f77b4" title "steady p50", \
     datafile index 0 using 1:4 with linespoints pt 7 ps 0.5 lc rgb "#17becf" title "steady p99", \
     datafile index 1 using 1:3 with linespoints pt 7 ps 0.5 lc rgb "#d62728" title "burst p50", \
     datafile index 1 using 1:4 with linespoints pt 7 ps 0.5 lc rgb "#ff7f0e" title "burst p99", \
     100 with lines dt 2 lc rgb "black" title "target p99 100 ms"
unset multiplot
