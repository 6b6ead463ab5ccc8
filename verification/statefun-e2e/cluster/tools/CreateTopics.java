import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * cluster.sh's topic creation in one JVM (Kafka's TopicCommand takes one topic per JVM start, which costs
 * tens of seconds on a loaded machine): java -cp 'lib/kafka/*' CreateTopics.java BOOTSTRAP PARTITIONS TOPIC...
 */
public class CreateTopics {
  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[1]);
    List<String> topics = List.of(args).subList(2, args.length);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
      Set<String> existing = admin.listTopics().names().get();
      var create = topics.stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
      try {
        admin.createTopics(create).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
